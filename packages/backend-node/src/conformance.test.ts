import { describe, it } from 'vitest';
import { useBackend } from '@rnnkit/backend';
import { describeBackendConformance } from '@rnnkit/backend/testing';
import { nodeAdapter } from './index.js';

// In CI the suite must run (a tfjs-node that does not load fails it in setup); .ci/run sets
// RNNKIT_NO_TFJS_NODE_WHEEL=1 only when no TensorFlow wheel exists to build tfjs-node from.
const availability = await nodeAdapter.isAvailable();
const mustRun = process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1';

if (availability.available || mustRun) {
  describeBackendConformance({
    backend: 'tensorflow',
    setup: async () => {
      await useBackend('tensorflow', { log: false });
    },
  });
} else {
  describe.skip(`rnnkit backend conformance: tensorflow (${availability.reason})`, () => {
    it('needs a loadable @tensorflow/tfjs-node', () => undefined);
  });
}
