import { useBackend } from '@rnnkit/backend';
import { describeBackendConformance } from '@rnnkit/backend/testing';
import '../../src/index.js';

describeBackendConformance({
  backend: 'wasm',
  setup: async () => {
    await useBackend('wasm', { log: false });
  },
});
