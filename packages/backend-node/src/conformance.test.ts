import { describe, it } from 'vitest';
import { useBackend } from '@rnnkit/backend';
import { describeBackendConformance } from '@rnnkit/backend/testing';
import { tensorflowAvailability, tensorflowMustRun } from '../test/tensorflow-tests.js';
import { enableSimdKernels } from './index.js';

// A tfjs-node that does not load fails the suite in setup, so CI (tensorflowMustRun) never skips it.
if (tensorflowAvailability.available || tensorflowMustRun) {
  describeBackendConformance({
    backend: 'tensorflow',
    setup: async () => {
      await useBackend('tensorflow', { log: false });
    },
  });
  // The suite's layers are small: by default GRU and SimpleRNN run on the SIMD module, LSTM on TensorFlow. Each
  // route passes the suite on its own.
  for (const [variant, choice] of [['SIMD module for every cell', true], ['TensorFlow only, no SIMD module', false]] as const) {
    describeBackendConformance({
      backend: 'tensorflow',
      variant,
      setup: async () => {
        await useBackend('tensorflow', { log: false });
        enableSimdKernels(choice);
      },
      teardown: () => enableSimdKernels('auto'),
    });
  }
} else {
  describe.skip(`rnnkit backend conformance: tensorflow (${tensorflowAvailability.reason})`, () => {
    it('needs a loadable @tensorflow/tfjs-node', () => undefined);
  });
}
