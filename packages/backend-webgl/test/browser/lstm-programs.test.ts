// The LSTM step programs and the sequence kernel on real WebGL (SwiftShader in CI): the same numbers as the tfjs-op
// step operations and as the reference kernel, and the adapter's LSTM is this kernel.
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceRnnSequence, selectedRecurrentKernel, tf, useBackend } from '@rnnkit/backend';
import { disposeArgs, maxAbsDiff } from '@rnnkit/backend/testing';
import { webglAdapter } from '../../src/index.js';
import { lstmSequenceKernel } from '../../src/lstm-sequence-kernel.js';
import { tfjsLstmStepOps } from '../../src/lstm-step-ops.js';
import { webglLstmStepOps } from '../../src/lstm-step-programs.js';
import { outputsAndGradients, SEQUENCE_CASES, sequenceArgs } from '../lstm-cases.js';

beforeAll(async () => {
  await useBackend('webgl', { log: false });
});

describe('LSTM step programs on webgl', () => {
  it('runs on webgl, and the adapter lists its LSTM kernel', () => {
    expect(tf.getBackend()).toBe('webgl');
    expect(webglAdapter.capabilities().fusedKernels).toEqual(['lstm']);
  });

  it('forward and backward equal the tfjs-op step operations, saturated gates included', () => {
    const B = 3, U = 5;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.mul(tf.randomNormal([B, 4 * U], 0, 1, 'float32', 1), tf.linspace(0.1, 30, 4 * U));
      const c = tf.randomNormal([B, U], 0, 1, 'float32', 2);
      const dh = tf.randomNormal([B, U], 0, 1, 'float32', 3);
      const dc = tf.randomNormal([B, U], 0, 1, 'float32', 4);
      expect(maxAbsDiff(webglLstmStepOps.forward(z, c).arraySync(), tfjsLstmStepOps.forward(z, c).arraySync())).toBeLessThan(1e-5);
      expect(maxAbsDiff(webglLstmStepOps.backward(z, c, dh, dc).arraySync(), tfjsLstmStepOps.backward(z, c, dh, dc).arraySync())).toBeLessThan(1e-5);
      expect(webglLstmStepOps.backward(z, c, dh, dc).shape).toEqual([B, 5 * U]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const [name, options, inputDropoutOnly] of SEQUENCE_CASES) {
    it(`sequence kernel, ${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
      const args = sequenceArgs(options, inputDropoutOnly);
      const before = tf.memory().numTensors;
      const ours = outputsAndGradients(lstmSequenceKernel(webglLstmStepOps, referenceRnnSequence), args);
      expect(tf.memory().numTensors).toBe(before);
      const ref = outputsAndGradients(referenceRnnSequence, args);
      expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-4);
      expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-4);
      ours.grads.forEach((g, i) => expect(maxAbsDiff(g, ref.grads[i]), `gradient ${i}`).toBeLessThan(1e-3));
      disposeArgs(args);
    });
  }

  it('is what rnnSequence selects for an LSTM on webgl', () => {
    expect(selectedRecurrentKernel('lstm')).toMatchObject({ source: 'adapter', backend: 'webgl', kernel: webglAdapter.kernels!.lstm });
    expect(selectedRecurrentKernel('gru')).toMatchObject({ source: 'reference' });
  });
});
