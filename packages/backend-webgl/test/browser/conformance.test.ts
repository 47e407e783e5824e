import { useBackend } from '@rnnkit/backend';
import { describeBackendConformance } from '@rnnkit/backend/testing';
import '../../src/index.js';

// The suite itself asserts tf.getBackend() === 'webgl' (tfjs would otherwise fall back to another engine silently).
describeBackendConformance({
  backend: 'webgl',
  setup: async () => {
    await useBackend('webgl', { log: false });
  },
});
