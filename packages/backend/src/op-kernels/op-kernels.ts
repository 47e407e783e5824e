// Recurrent kernels from whole-tensor ops with the fewest ops per step, for engines where every op is a native call
// of fixed cost (tfjs-node): every step's input projection in one matMul, then per step one recurrent matMul over
// all gates and the gate math on column slices. The reference projects and multiplies per gate (three or four
// matMuls per step), which suits the cpu backend's slow last-axis slices; here op count is what counts.
// LSTM is inference only (under a gradient tape it runs the reference, whose gradients tfjs derives); SimpleRNN and
// GRU (resetAfter) also train, as one custom gradient each (simple-rnn-op-sequence.ts, gru-op-sequence.ts).
import { referenceRnnSequence, referenceRnnSequenceUnchecked } from '../recurrent/reference-sequence.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import { validateRnnSequenceArgs, type SequenceDims } from '../recurrent/validate-sequence.js';
import { gruOpInference } from './gru-op-inference.js';
import { gruOpSequence, gruOpSequenceSupports } from './gru-op-sequence.js';
import { lstmOpInference } from './lstm-op-inference.js';
import type { SequenceForward } from './sequence-forward.js';
import { simpleRnnOpSequence, simpleRnnOpSequenceSupports } from './simple-rnn-op-sequence.js';

type Run = (args: RnnSequenceArgs, dims: SequenceDims) => RnnSequenceResult;

const OP = 'opKernels';

function inferenceOnly(run: Run): RecurrentKernel {
  return (args) => {
    if (isRecordingGradients()) return referenceRnnSequence(args);
    return run(args, validateRnnSequenceArgs(args, OP));
  };
}

/**
 * Whether opKernels() runs this call with its own gradient when a tape records it: SimpleRNN, or a resetAfter GRU,
 * without a mask and with tanh, sigmoid, relu or linear activations. Otherwise it runs the reference there.
 */
export function opKernelHasGradient(args: RnnSequenceArgs): boolean {
  if (args.cell === 'simpleRNN') return simpleRnnOpSequenceSupports(args);
  return args.cell === 'gru' && gruOpSequenceSupports(args);
}

export interface OpKernelOptions {
  /**
   * Training SimpleRNN and GRU (the calls with their own gradient, opKernelHasGradient): an inference pass that may
   * compute the forward values instead of the per-step ops (the backward pass stays ops). It is called without a
   * recording tape, with returnSequences, and returns undefined for a call it does not take.
   */
  forward?: SequenceForward;
}

/** The op kernels for every cell. Values equal the reference's within float32 rounding, gradients too. */
export function opKernels(options: OpKernelOptions = {}): Required<RecurrentKernelSet> {
  return {
    lstm: inferenceOnly(lstmOpInference),
    gru: (args) => {
      const dims = validateRnnSequenceArgs(args, OP);
      if (!isRecordingGradients()) return gruOpInference(args, dims);
      return gruOpSequenceSupports(args) ? gruOpSequence(args, dims, options.forward) : referenceRnnSequenceUnchecked(args, dims);
    },
    simpleRNN: (args) => {
      const dims = validateRnnSequenceArgs(args, OP);
      return simpleRnnOpSequenceSupports(args) ? simpleRnnOpSequence(args, dims, options.forward) : referenceRnnSequenceUnchecked(args, dims);
    },
  };
}
