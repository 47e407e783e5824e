import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `source` export condition,
// so tests never run against stale builds.
const conditions = ['source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['node', 'import', 'default'] } },
  test: {
    projects: ['packages/*', 'apps/*', 'packages/*/vitest.browser.config.ts', 'tests/*'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    server: {
      // tfjs-core's ESM side-effect entries use extensionless imports that Node cannot load; Vite can.
      deps: { inline: [/tfjs-core\/dist\/(register_all_gradients|gradients\/|public\/chained_ops)/] },
    },
  },
});
