// One headless-Chromium vitest project per package (its test/browser/**), run by the root `vitest run`.
// Debian's chromium (apt-get install chromium), never a browser playwright downloads. SwiftShader gives
// WebGL in software: correct, not fast, so these suites check behaviour, not speed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import type { UserWorkspaceConfig } from 'vitest/config';

export const CHROMIUM = process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// tfjs and its backends are discovered lazily (adapters import them inside init()); pre-bundling them up front
// stops Vite from re-optimising mid-run and reloading the page, and keeps one tfjs-core copy in the bundle.
// pnpm is strict, so each is named through the workspace package that depends on it ('a > b').
const TFJS_DEPS = [
  '@rnnkit/backend > @tensorflow/tfjs-core',
  '@rnnkit/backend > @tensorflow/tfjs-core/dist/register_all_gradients',
  '@rnnkit/backend > @tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops',
  '@rnnkit/backend > @tensorflow/tfjs-backend-cpu',
];

export function browserProject(name: string, extra: { optimizeDeps: string[] } = {}): UserWorkspaceConfig {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI !== 'true') {
      // Outside CI a machine with only Node and npm still runs every other project; say what is not run.
      console.warn(`[rnnkit] ${name}: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set RNNKIT_CHROMIUM)`);
      return defineProject({ test: { name, include: [] } });
    }
    // In CI a missing browser fails this project's files (CI must prove the browser path), with the fix in the
    // message; every other project still runs.
    return defineProject({
      test: { name, include: ['test/browser/**/*.test.ts'], setupFiles: [fileURLToPath(new URL('./require-chromium.ts', import.meta.url))] },
    });
  }
  return defineProject({
    resolve: { conditions: ['source', 'module', 'browser', 'import', 'default'] },
    optimizeDeps: { include: [...TFJS_DEPS, ...extra.optimizeDeps] },
    test: {
      name,
      include: ['test/browser/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: ARGS } }),
        instances: [{ browser: 'chromium' }],
        screenshotFailures: false,
      },
    },
  });
}
