import { defineConfig } from 'vitest/config';

// One vitest run over every project. Project config files do not inherit this file: the settings they share
// (the `source` resolve condition, timeouts, inlining) live in vitest.shared.ts, which each one merges in.
// Browser projects (headless Chromium) are the packages' vitest.browser.config.ts; tests/* are cross-package suites.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'packages/*/vitest.browser.config.ts', 'tests/*'],
  },
});
