// Settings every vitest project shares. Project config files do not inherit the root config, so each
// project's vitest.config.ts merges these in: `mergeConfig(shared, defineProject({ test: { name, ... } }))`.
import { defineProject } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never run against stale builds.
export const conditions = ['source', 'module', 'node', 'import', 'default'];

export const shared = defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['node', 'import', 'default'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    server: {
      deps: {
        // Workspace packages are inlined (so Vite resolves them with the conditions above, not Node with `import`).
        inline: [/@rnnkit\//, /packages\/[^/]+\/src\//, /tfjs-core\/dist\/(register_all_gradients|gradients\/|public\/chained_ops)/],
      },
    },
  },
});
