import { describe, it } from 'vitest';
import { useBackend } from '@rnnkit/backend';
import { describeBackendConformance } from '@rnnkit/backend/testing';
import { tensorflowAvailability, tensorflowMustRun } from '../test/tensorflow-tests.js';

// A tfjs-node that does not load fails the suite in setup, so CI (tensorflowMustRun) never skips it.
if (tensorflowAvailability.available || tensorflowMustRun) {
  describeBackendConformance({
    backend: 'tensorflow',
    setup: async () => {
      await useBackend('tensorflow', { log: false });
    },
  });
} else {
  describe.skip(`rnnkit backend conformance: tensorflow (${tensorflowAvailability.reason})`, () => {
    it('needs a loadable @tensorflow/tfjs-node', () => undefined);
  });
}
