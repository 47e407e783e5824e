// Many mobile GPUs render only to 16-bit float textures. tfjs' WEBGL_FORCE_F16_TEXTURES gives the same storage here,
// so the gate programs and kernels are checked at that precision: every stored value keeps 11 significant bits.
import './fixtures/force-half-float.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceRnnSequence, rnnSequence, tf, useBackend } from '@rnnkit/backend';
import { autodiffGradients, disposeArgs, lossWeightsFor, makeCase, maxAbsDiff, plainRnnSequence, relativeError, SEQUENCE_KERNEL_VARIANTS, toTensorArgs } from '@rnnkit/backend/testing';
import { webglAdapter } from '../../src/index.js';

beforeAll(async () => {
  await useBackend('webgl', { log: false });
});

describe('webgl kernels on 16-bit float textures', () => {
  it('really stores tensors in 16-bit floats on webgl, and the adapter says so', () => {
    expect(tf.getBackend()).toBe('webgl');
    expect(webglAdapter.capabilities().floatPrecision).toBe(16);
    // 1 + 2^-12 needs 13 significant bits: a half float rounds it to 1. 256 elements keep the op on the GPU (tfjs
    // computes tensors under 128 elements on the CPU).
    const stored = tf.tidy(() => tf.add(tf.fill([256], 1 + 2 ** -12), tf.zeros([256])).dataSync()[0]);
    expect(stored).toBe(1);
  });

  for (const [label, cell, resetAfter] of SEQUENCE_KERNEL_VARIANTS) {
    it(`${label}: outputs within half-float rounding of the Float64 oracle, gradients close to the reference kernel's`, () => {
      const plain = makeCase({ cell, time: 6, mask: 'holes', seed: 21, ...(resetAfter === undefined ? {} : { resetAfter }) });
      const want = plainRnnSequence(plain);
      const args = toTensorArgs(plain);
      const before = tf.memory().numTensors;
      const r = rnnSequence(args);
      const outputs = r.outputs.arraySync(), states = r.states.map((s) => s.arraySync());
      tf.dispose([r.outputs, ...r.states]);
      // Half floats round at 2^-11 relative; a few steps of rounding stay well inside 1e-2 for values of order 1.
      expect(maxAbsDiff(outputs, want.outputs)).toBeLessThan(1e-2);
      expect(maxAbsDiff(states, want.states)).toBeLessThan(1e-2);
      const w = lossWeightsFor(plain);
      const ours = autodiffGradients(rnnSequence, args, w);
      const reference = autodiffGradients(referenceRnnSequence, args, w);
      for (const name of Object.keys(reference)) {
        expect(JSON.stringify(ours[name]).includes('null'), `${name} has no NaN or infinity`).toBe(false);
        expect(relativeError(ours[name], reference[name]), `gradient of ${name}`).toBeLessThan(3e-2);
      }
      expect(tf.memory().numTensors).toBe(before);
      disposeArgs(args);
    });
  }
});
