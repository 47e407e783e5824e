import { useBackend } from '../../src/index.js';
import { describeBackendConformance } from '../../src/testing.js';

describeBackendConformance({
  backend: 'cpu',
  setup: async () => {
    await useBackend('cpu', { log: false });
  },
});
