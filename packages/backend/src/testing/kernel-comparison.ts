// Holding a whole-sequence kernel to the reference on the active backend: the same case through both, outputs,
// final states and autodiff gradients compared, and the tensors the kernel left behind counted. Shared by the
// tensor-fused kernels' Node tests (tfjs-op gate operations on cpu) and adapters' browser tests (their programs).
import { tf } from '../tfjs.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import type { CellKind, RecurrentKernel } from '../recurrent/types.js';
import { makeCase, maxAbsDiff, toTensorArgs, disposeArgs, type CaseOptions } from './cases.js';
import { autodiffGradients, lossWeightsFor } from './gradients.js';
import type { PlainRnnArgs } from './plain-rnn.js';

export interface KernelComparison {
  /** Largest absolute differences from the reference. */
  outputs: number;
  states: number;
  gradients: Record<string, number>;
  /** Tensors alive after the kernel's forward and gradient passes that were not before (should be 0). */
  leaked: number;
}

/** Runs `kernel` and referenceRnnSequence on the case (as tensors on the active backend) and compares them. */
export function compareWithReference(kernel: RecurrentKernel, plain: PlainRnnArgs): KernelComparison {
  const args = toTensorArgs(plain);
  const weights = lossWeightsFor(plain);
  const run = (k: RecurrentKernel) => {
    const r = k(args);
    const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
    tf.dispose([r.outputs, ...r.states]);
    return { ...out, grads: autodiffGradients(k, args, weights) };
  };
  const before = tf.memory().numTensors;
  const ours = run(kernel);
  const leaked = tf.memory().numTensors - before;
  const ref = run(referenceRnnSequence);
  disposeArgs(args);
  const gradients = Object.fromEntries(Object.entries(ours.grads).map(([name, g]) => [name, maxAbsDiff(g, ref.grads[name])]));
  return { outputs: maxAbsDiff(ours.outputs, ref.outputs), states: maxAbsDiff(ours.states, ref.states), gradients, leaked };
}

/** Every cell variant a whole-sequence kernel implements: a label, the cell, and a GRU's resetAfter. */
export const SEQUENCE_KERNEL_VARIANTS = [
  ['simpleRNN', 'simpleRNN', undefined],
  ['lstm', 'lstm', undefined],
  ['gru resetAfter=true', 'gru', true],
  ['gru resetAfter=false', 'gru', false],
] as const;

/**
 * Cases covering what a whole-sequence kernel handles itself, per cell variant: masks (right-padded, with holes),
 * goBackwards, returnSequences with both masked-output conventions, input and recurrent dropout, no bias, one
 * step, and activations other than tanh/sigmoid.
 */
export function sequenceKernelCases(cell: CellKind, resetAfter?: boolean): Array<[string, PlainRnnArgs]> {
  const base: CaseOptions = { cell, batch: 3, time: 5, features: 3, units: 3, ...(resetAfter === undefined ? {} : { resetAfter }) };
  const options: Array<[string, CaseOptions]> = [
    ['last output', { ...base, seed: 11 }],
    ['returnSequences, goBackwards', { ...base, returnSequences: true, goBackwards: true, seed: 12 }],
    ['one step', { ...base, time: 1, seed: 13 }],
    ['input and recurrent dropout, no bias', { ...base, dropout: true, bias: false, seed: 14 }],
    ['right-padded mask, returnSequences', { ...base, mask: 'right', returnSequences: true, seed: 15 }],
    ['mask with holes, last output, goBackwards', { ...base, mask: 'holes', goBackwards: true, seed: 16 }],
    ['mask with holes, previous output at masked steps, dropout', { ...base, mask: 'holes', returnSequences: true, zeroOutputForMask: false, dropout: true, seed: 17 }],
    ['hardSigmoid gates, relu', { ...base, recurrentActivation: 'hardSigmoid', activation: 'relu', returnSequences: true, seed: 18 }],
    ['linear output, relu6 gates, mask', { ...base, activation: 'linear', recurrentActivation: 'relu6', mask: 'right', seed: 19 }],
  ];
  // A SimpleRNN has no gates (validation rejects a recurrentActivation for it).
  const cases = options.map(([name, o]): [string, PlainRnnArgs] => [name, makeCase(cell === 'simpleRNN' ? { ...o, recurrentActivation: undefined } : o)]);
  // Input dropout without recurrent dropout: the recurrent product must then see h itself.
  const inputOnly = makeCase({ ...base, dropout: true, returnSequences: true, seed: 20 });
  delete inputOnly.recurrentDropoutMask;
  cases.push(['input dropout only', inputOnly]);
  return cases;
}
