import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'backend-node', testTimeout: 60_000, hookTimeout: 120_000, include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['test/browser/**'] },
});
