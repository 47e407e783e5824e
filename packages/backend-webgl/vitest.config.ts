import { defineProject, mergeConfig } from 'vitest/config';
import { shared } from '../../vitest.shared.js';

export default mergeConfig(shared, defineProject({
  test: { name: 'backend-webgl', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['test/browser/**'] },
}));
