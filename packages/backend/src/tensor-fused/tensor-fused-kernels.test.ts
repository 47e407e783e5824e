import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { useBackend } from '../registry/use-backend.js';
import { compareWithReference, SEQUENCE_KERNEL_VARIANTS, sequenceKernelCases } from '../testing/kernel-comparison.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from '../testing/cases.js';
import type { GateOps } from './gate-ops.js';
import { tensorFusedKernels, tensorFusedSupports } from './tensor-fused-kernels.js';
import { tfjsGateOps } from './tfjs-gate-ops.js';

beforeAll(async () => {
  await useBackend('cpu', { log: false });
});

const kernels = tensorFusedKernels();
const variants = SEQUENCE_KERNEL_VARIANTS;

for (const [label, cell, resetAfter] of variants) {
  describe(`tensorFusedKernels ${label} (tfjs-op gate operations, cpu)`, () => {
    for (const [name, plain] of sequenceKernelCases(cell, resetAfter)) {
      it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
        const r = compareWithReference(kernels[cell]!, plain);
        expect(r.leaked).toBe(0);
        expect(r.outputs).toBeLessThan(1e-5);
        expect(r.states).toBeLessThan(1e-5);
        for (const [param, diff] of Object.entries(r.gradients)) expect(diff, `gradient of ${param}`).toBeLessThan(1e-4);
      });
    }
  });
}

/** tfjsGateOps with a count of the calls per operation. */
function counting(): { ops: GateOps; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const ops = Object.fromEntries(Object.entries(tfjsGateOps).map(([name, fn]) => [name, (...a: unknown[]) => {
    calls[name] = (calls[name] ?? 0) + 1;
    return (fn as (...x: unknown[]) => unknown)(...a);
  }])) as unknown as GateOps;
  return { ops, calls };
}

describe('tensorFusedKernels structure', () => {
  it('runs one gate operation per step each way (two for a resetAfter=false GRU)', () => {
    const T = 4;
    for (const [, cell, resetAfter] of variants) {
      const { ops, calls } = counting();
      const args = toTensorArgs(makeCase({ cell, time: T, ...(resetAfter === undefined ? {} : { resetAfter }), seed: 3 }));
      const k = tensorFusedKernels(ops)[cell]!;
      const g = tf.grads((x: tf.Tensor) => tf.sum(k({ ...args, inputs: x as tf.Tensor3D }).outputs))([args.inputs]);
      tf.dispose(g);
      const total = (backward: boolean) => Object.entries(calls)
        .filter(([n]) => n !== 'supports' && n.includes('Backward') === backward).reduce((s, [, c]) => s + c, 0);
      const [forward, backward] = [total(false), total(true)];
      const perStep = cell === 'gru' && resetAfter === false ? 2 : 1;
      expect({ cell, resetAfter, forward, backward }).toEqual({ cell, resetAfter, forward: perStep * T, backward: perStep * T });
      disposeArgs(args);
    }
  });

  it('hands activations the gate operations lack to the reference, with the same result', () => {
    for (const [, cell, resetAfter] of variants) {
      const plain = makeCase({ cell, activation: 'elu', ...(resetAfter === undefined ? {} : { resetAfter }), returnSequences: true, seed: 5 });
      const args = toTensorArgs(plain);
      expect(tensorFusedSupports(args)).toBe(false);
      const ours = kernels[cell]!(args), ref = referenceRnnSequence(args);
      expect(maxAbsDiff(ours.outputs.arraySync(), ref.outputs.arraySync())).toBeLessThan(1e-6);
      tf.dispose([ours.outputs, ...ours.states, ref.outputs, ...ref.states]);
      disposeArgs(args);
    }
  });

  it('leaves no tensors behind without a gradient tape (predict)', () => {
    for (const [, cell, resetAfter] of variants) {
      const args = toTensorArgs(makeCase({ cell, mask: 'holes', returnSequences: true, ...(resetAfter === undefined ? {} : { resetAfter }), seed: 7 }));
      const before = tf.memory().numTensors;
      const r = kernels[cell]!(args);
      tf.dispose([r.outputs, ...r.states]);
      expect(tf.memory().numTensors).toBe(before);
      disposeArgs(args);
    }
  });
});
