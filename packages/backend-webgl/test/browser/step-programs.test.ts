// The LSTM and GRU step programs and sequence kernels on real WebGL (SwiftShader in CI): the same numbers as the
// tfjs-op step operations and as the reference kernel, and the adapter's kernels are these.
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceRnnSequence, selectedRecurrentKernel, tf, useBackend } from '@rnnkit/backend';
import { disposeArgs, maxAbsDiff } from '@rnnkit/backend/testing';
import { webglAdapter } from '../../src/index.js';
import { gruSequenceKernel } from '../../src/gru-sequence-kernel.js';
import { tfjsGruStepOps } from '../../src/gru-step-ops.js';
import { webglGruStepOps } from '../../src/gru-step-programs.js';
import { lstmSequenceKernel } from '../../src/lstm-sequence-kernel.js';
import { tfjsLstmStepOps } from '../../src/lstm-step-ops.js';
import { webglLstmStepOps } from '../../src/lstm-step-programs.js';
import { outputsAndGradients, sequenceArgs, sequenceCases } from '../sequence-cases.js';

beforeAll(async () => {
  await useBackend('webgl', { log: false });
});

describe('recurrent step programs on webgl', () => {
  it('runs on webgl; rnnSequence selects the adapter kernels for lstm and gru', () => {
    expect(tf.getBackend()).toBe('webgl');
    expect(webglAdapter.capabilities().fusedKernels).toEqual(['lstm', 'gru']);
    expect(selectedRecurrentKernel('lstm')).toMatchObject({ source: 'adapter', backend: 'webgl', kernel: webglAdapter.kernels!.lstm });
    expect(selectedRecurrentKernel('gru')).toMatchObject({ source: 'adapter', backend: 'webgl', kernel: webglAdapter.kernels!.gru });
    expect(selectedRecurrentKernel('simpleRNN')).toMatchObject({ source: 'reference' });
  });

  it('LSTM forward and backward programs equal the tfjs-op step operations, saturated gates included', () => {
    const B = 3, U = 5;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.mul(tf.randomNormal([B, 4 * U], 0, 1, 'float32', 1), tf.linspace(0.1, 30, 4 * U));
      const [c, h, dh, dc] = [2, 3, 4, 6].map((s) => tf.randomNormal([B, U], 0, 1, 'float32', s) as tf.Tensor2D);
      const m = tf.tensor2d([[1], [0], [1]]);
      const zz = z as tf.Tensor2D;
      expect(maxAbsDiff(webglLstmStepOps.forward(zz, c, h, m).arraySync(), tfjsLstmStepOps.forward(zz, c, h, m).arraySync())).toBeLessThan(1e-5);
      const back = webglLstmStepOps.backward(zz, c, dh, dc, m);
      expect(back.shape).toEqual([B, 6 * U]);
      expect(maxAbsDiff(back.arraySync(), tfjsLstmStepOps.backward(zz, c, dh, dc, m).arraySync())).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('GRU forward and backward programs equal the tfjs-op step operations, saturated gates included', () => {
    const B = 3, U = 4;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const xz = tf.mul(tf.randomNormal([B, 3 * U], 0, 1, 'float32', 1), tf.linspace(0.1, 30, 3 * U)) as tf.Tensor2D;
      const hz = tf.randomNormal([B, 3 * U], 0, 2, 'float32', 5) as tf.Tensor2D;
      const [h, dh] = [2, 3].map((s) => tf.randomNormal([B, U], 0, 1, 'float32', s) as tf.Tensor2D);
      const m = tf.tensor2d([[0], [1], [1]]);
      expect(maxAbsDiff(webglGruStepOps.forward(xz, hz, h, m).arraySync(), tfjsGruStepOps.forward(xz, hz, h, m).arraySync())).toBeLessThan(1e-5);
      const back = webglGruStepOps.backward(xz, hz, h, dh, m);
      expect(back.shape).toEqual([B, 7 * U]);
      expect(maxAbsDiff(back.arraySync(), tfjsGruStepOps.backward(xz, hz, h, dh, m).arraySync())).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  const kernels = {
    lstm: lstmSequenceKernel(webglLstmStepOps, referenceRnnSequence),
    gru: gruSequenceKernel(webglGruStepOps, referenceRnnSequence),
  };
  for (const cell of ['lstm', 'gru'] as const) {
    for (const [name, options, inputDropoutOnly] of sequenceCases(cell)) {
      it(`${cell} sequence kernel, ${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
        const c = sequenceArgs(options, inputDropoutOnly);
        const { args } = c;
        const before = tf.memory().numTensors;
        const ours = outputsAndGradients(kernels[cell], c);
        expect(tf.memory().numTensors).toBe(before);
        const ref = outputsAndGradients(referenceRnnSequence, c);
        expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-4);
        expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-4);
        expect(Object.keys(ours.grads)).toEqual(Object.keys(ref.grads));
        for (const [name, g] of Object.entries(ours.grads)) expect(maxAbsDiff(g, ref.grads[name]), `gradient of ${name}`).toBeLessThan(1e-3);
        disposeArgs(args);
      });
    }
  }
});
