// Cases and measurements shared by the sequence kernels' Node tests (tfjs-op step ops) and their browser tests
// (the WebGL programs).
import { tf } from '@rnnkit/backend';
import type { CellKind, RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import { autodiffGradients, lossWeightsFor, makeCase, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions, PlainRnnArgs } from '@rnnkit/backend/testing';

/** Outputs, final states and autodiff gradients of every parameter (for the case's fixed loss weights). */
export function outputsAndGradients(kernel: RecurrentKernel, { args, plain }: SequenceCase) {
  const r = kernel(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()), grads: autodiffGradients(kernel, args, lossWeightsFor(plain)) };
  tf.dispose([r.outputs, ...r.states]);
  return out;
}

/** [name, options, input dropout only (no recurrent dropout)] for a cell. */
export function sequenceCases(cell: CellKind): [string, CaseOptions, boolean][] {
  return [
    ['last output', { cell, time: 5, units: 3 }, false],
    ['returnSequences, goBackwards', { cell, time: 4, returnSequences: true, goBackwards: true }, false],
    ['input dropout', { cell, time: 3, dropout: true, returnSequences: true }, true],
    ['one step', { cell, time: 1, units: 4 }, false],
    ['input and recurrent dropout', { cell, time: 4, dropout: true }, false],
    ['right-padded mask, returnSequences', { cell, time: 5, batch: 3, mask: 'right', returnSequences: true }, false],
    ['mask with holes, last output, goBackwards', { cell, time: 5, batch: 3, mask: 'holes', goBackwards: true }, false],
    ['mask with holes, previous output at masked steps', { cell, time: 5, batch: 3, mask: 'holes', returnSequences: true, zeroOutputForMask: false }, false],
  ];
}

export interface SequenceCase { args: RnnSequenceArgs; plain: PlainRnnArgs }

/** The case as tensors (the caller disposes them) and as plain arrays. */
export function sequenceArgs(options: CaseOptions, inputDropoutOnly: boolean): SequenceCase {
  const plain = makeCase({ ...options, seed: 11 });
  if (inputDropoutOnly) delete plain.recurrentDropoutMask;
  return { args: toTensorArgs(plain), plain };
}
