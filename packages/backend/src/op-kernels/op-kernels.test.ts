import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { useBackend } from '../registry/use-backend.js';
import { compareWithReference, SEQUENCE_KERNEL_VARIANTS, sequenceKernelCases } from '../testing/kernel-comparison.js';
import { disposeArgs, makeCase, toTensorArgs } from '../testing/cases.js';
import type { RecurrentKernel, RnnSequenceArgs } from '../recurrent/types.js';
import { opKernelHasGradient, opKernels } from './op-kernels.js';
import { fusedRecurrentKernels } from '../fused/fused-kernel.js';
import { isRecordingGradients } from '../recurrent/tape.js';

beforeAll(async () => {
  await useBackend('cpu', { log: false });
});

const kernels = opKernels();
const variants = SEQUENCE_KERNEL_VARIANTS;

for (const [label, cell, resetAfter] of variants) {
  describe(`opKernels ${label} (cpu)`, () => {
    for (const [name, plain] of sequenceKernelCases(cell, resetAfter)) {
      // SimpleRNN and a resetAfter GRU compute their own gradients where opKernelHasGradient says so; the rest run
      // the reference under a tape.
      const probe = toTensorArgs(plain);
      const ownGradient = opKernelHasGradient(probe);
      disposeArgs(probe);
      it(`${name}: values and gradients equal the reference kernel's${ownGradient ? '' : ' (gradients: it runs the reference)'}, no tensors left`, () => {
        const r = compareWithReference(kernels[cell], plain);
        expect(r.leaked).toBe(0);
        expect(r.outputs).toBeLessThan(1e-5);
        expect(r.states).toBeLessThan(1e-5);
        for (const [param, diff] of Object.entries(r.gradients)) {
          if (ownGradient) expect(diff, `gradient of ${param}`).toBeLessThan(1e-5);
          else expect(diff, `gradient of ${param}`).toBe(0);
        }
      });
    }
  });
}

/** The kernels tfjs ran for one inference call, by name. */
function kernelCounts(k: RecurrentKernel, args: RnnSequenceArgs): Promise<Record<string, number>> {
  return tf.profile(() => {
    const r = k(args);
    tf.dispose([r.outputs, ...r.states]);
  }).then((info) => {
    const counts: Record<string, number> = {};
    for (const { name } of info.kernels) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  });
}

describe('opKernels structure', () => {
  const T = 6;
  const perStep = (counts: Record<string, number>, fixed: number) => ((Object.values(counts).reduce((s, c) => s + c, 0) - fixed) / T);

  it('multiplies by the recurrent kernel once per step (twice for a resetAfter=false GRU); the reference once per gate', async () => {
    for (const [, cell, resetAfter, ours, reference] of [
      ['lstm', 'lstm', undefined, 1, 4], ['gru', 'gru', true, 1, 3], ['gru', 'gru', false, 2, 3], ['simpleRNN', 'simpleRNN', undefined, 1, 1],
    ] as const) {
      const args = toTensorArgs(makeCase({ cell, time: T, ...(resetAfter === undefined ? {} : { resetAfter }), seed: 5 }));
      // The input projection is one matMul here, one per gate in the reference.
      const gates = { lstm: 4, gru: 3, simpleRNN: 1 }[cell];
      const mine = await kernelCounts(kernels[cell], args);
      const ref = await kernelCounts(referenceRnnSequence, args);
      disposeArgs(args);
      expect({ cell, resetAfter, matMuls: mine.BatchMatMul }).toEqual({ cell, resetAfter, matMuls: ours * T + (cell === 'simpleRNN' ? gates : 1) });
      expect({ cell, resetAfter, matMuls: ref.BatchMatMul }).toEqual({ cell, resetAfter, matMuls: reference * T + gates });
    }
  });

  it('runs fewer ops per step than the reference for LSTM and GRU', async () => {
    for (const [cell, resetAfter, most] of [['lstm', undefined, 13], ['gru', true, 14], ['gru', false, 14]] as const) {
      const args = toTensorArgs(makeCase({ cell, time: T, ...(resetAfter === undefined ? {} : { resetAfter }), seed: 6 }));
      const short = toTensorArgs(makeCase({ cell, time: 1, ...(resetAfter === undefined ? {} : { resetAfter }), seed: 6 }));
      const fixedOf = async (k: RecurrentKernel) => {
        const one = await kernelCounts(k, short);
        return Object.values(one).reduce((s, c) => s + c, 0);
      };
      // Ops per step: (ops at T steps - ops at 1 step) / (T - 1).
      const mine = await kernelCounts(kernels[cell], args), ref = await kernelCounts(referenceRnnSequence, args);
      const mineStep = (perStep(mine, 0) * T - await fixedOf(kernels[cell])) / (T - 1);
      const refStep = (perStep(ref, 0) * T - await fixedOf(referenceRnnSequence)) / (T - 1);
      disposeArgs(args);
      disposeArgs(short);
      expect(mineStep, `${cell} ${resetAfter} ops per step`).toBeLessThanOrEqual(most);
      expect(mineStep, `${cell} ${resetAfter} against the reference's ${refStep}`).toBeLessThan(refStep);
    }
  });

  it('LSTM runs the reference under a gradient tape (its gradients are tfjs autodiff of the reference)', () => {
    const args = toTensorArgs(makeCase({ cell: 'lstm', time: 3, seed: 7 }));
    const grads = (k: RecurrentKernel) => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(k({ ...args, inputs: x as tf.Tensor3D }).outputs))(args.inputs).arraySync());
    expect(grads(kernels.lstm)).toEqual(grads(referenceRnnSequence));
    disposeArgs(args);
  });

  it('SimpleRNN and a resetAfter GRU train on their own gradient without a mask and with activations whose derivative follows from their output', () => {
    const mask = tf.ones([2, 3]) as tf.Tensor2D;
    for (const cell of ['simpleRNN', 'gru'] as const) {
      const base = toTensorArgs(makeCase({ cell, batch: 2, time: 3, features: 2, units: 2, seed: 9 }));
      const gate = cell === 'gru' ? 'recurrentActivation' : 'activation';
      expect(opKernelHasGradient(base), cell).toBe(true);
      for (const name of ['tanh', 'sigmoid', 'relu', 'linear'] as const) expect(opKernelHasGradient({ ...base, [gate]: name }), `${cell} ${name}`).toBe(true);
      for (const name of ['relu6', 'hardSigmoid', 'elu', 'gelu'] as const) expect(opKernelHasGradient({ ...base, [gate]: name }), `${cell} ${name}`).toBe(false);
      expect(opKernelHasGradient({ ...base, mask }), `${cell} mask`).toBe(false);
      disposeArgs(base);
    }
    const before = toTensorArgs(makeCase({ cell: 'gru', resetAfter: false, seed: 9 }));
    expect(opKernelHasGradient(before), 'gru resetAfter=false').toBe(false);
    disposeArgs(before);
    const lstm = toTensorArgs(makeCase({ cell: 'lstm', seed: 9 }));
    expect(opKernelHasGradient(lstm), 'lstm').toBe(false);
    disposeArgs(lstm);
    mask.dispose();
  });

  it('SimpleRNN and GRU training run one recurrent matMul per step each way and no reference ops', async () => {
    for (const cell of ['simpleRNN', 'gru'] as const) {
      const args = toTensorArgs(makeCase({ cell, time: T, seed: 10 }));
      const info = await tf.profile(() => {
        tf.dispose(tf.grads((x: tf.Tensor) => tf.sum(kernels[cell]({ ...args, inputs: x as tf.Tensor3D }).outputs))([args.inputs]));
      });
      disposeArgs(args);
      const matMuls = info.kernels.filter((k) => k.name === 'BatchMatMul').length;
      // Forward: the input projection and T recurrent products; backward: T recurrent products and three weight
      // gradients (inputs, kernel, recurrent kernel).
      expect({ cell, matMuls }).toEqual({ cell, matMuls: 1 + T + T + 3 });
    }
  });

  it('validates its arguments with errors that name the kernel', () => {
    const args = toTensorArgs(makeCase({ cell: 'lstm', batch: 2, time: 3, features: 2, units: 2, seed: 8 }));
    const wrong = tf.zeros([2, 5]) as tf.Tensor2D;
    expect(() => kernels.lstm({ ...args, kernel: wrong })).toThrow(/^opKernels: kernel must be shape \[2, 8\]/);
    wrong.dispose();
    disposeArgs(args);
  });
});

for (const [label, cell, resetAfter] of [['simpleRNN', 'simpleRNN', undefined], ['gru resetAfter=true', 'gru', true]] as const) {
  describe(`opKernels ${label} with a forward pass given (forward)`, () => {
    const forward = fusedRecurrentKernels('javascript')[cell]!;
    for (const [name, plain] of sequenceKernelCases(cell, resetAfter)) {
      const probe = toTensorArgs(plain);
      const ownGradient = opKernelHasGradient(probe);
      disposeArgs(probe);
      it(`${name}: values and gradients equal the reference's; the forward ran ${ownGradient ? 'as inference, with every step returned' : 'never (the reference runs)'}`, () => {
        const calls: { recording: boolean; returnSequences: boolean | undefined }[] = [];
        const k = opKernels({ forward: (args) => {
          calls.push({ recording: isRecordingGradients(), returnSequences: args.returnSequences });
          return forward(args);
        } })[cell];
        const r = compareWithReference(k, plain);
        expect(r.leaked).toBe(0);
        expect(r.outputs).toBeLessThan(1e-5);
        expect(r.states).toBeLessThan(1e-5);
        for (const [param, diff] of Object.entries(r.gradients)) expect(diff, `gradient of ${param}`).toBeLessThan(1e-5);
        if (!ownGradient) {
          expect(calls).toEqual([]);
          return;
        }
        expect(calls.length).toBeGreaterThan(0);
        expect(calls.every((c) => !c.recording && c.returnSequences === true)).toBe(true);
      });
    }

    it('takes its values from the forward pass (shifted outputs come through), and runs the per-step ops where it returns undefined', () => {
      const plain = makeCase({ cell, batch: 2, time: 4, features: 3, units: 3, returnSequences: true, seed: 31 });
      const args = toTensorArgs(plain);
      const shiftedForward = (a: RnnSequenceArgs) => {
        const r = forward(a);
        const outputs = tf.add(r.outputs, 1) as tf.Tensor3D;
        tf.dispose([r.outputs, ...r.states]);
        return { outputs, states: [] };
      };
      // GRU takes its forward pass only under a tape (inference runs its own op pass): read the values from there.
      const run = (k: RecurrentKernel) => {
        let outputs: tf.Tensor | undefined;
        tf.dispose(tf.grad((x: tf.Tensor) => {
          const r = k({ ...args, inputs: x as tf.Tensor3D });
          outputs = tf.keep(r.outputs);
          return tf.sum(r.outputs);
        })(args.inputs));
        return outputs!;
      };
      const shifted = run(opKernels({ forward: shiftedForward })[cell]);
      const declined = run(opKernels({ forward: () => undefined })[cell]);
      const plainOps = run(opKernels()[cell]);
      const diff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
      expect(diff(tf.sub(shifted, 1), plainOps)).toBeLessThan(1e-6);
      expect(diff(shifted, plainOps)).toBeGreaterThan(0.99);
      expect(diff(declined, plainOps)).toBe(0);
      tf.dispose([shifted, declined, plainOps]);
      disposeArgs(args);
    });
  });
}
