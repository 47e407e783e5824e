// Inference (no gradient tape) from whole-tensor ops with the fewest ops per step: every step's input projection
// in one matMul, then per step one recurrent matMul over all gates and the gate math on column slices. The
// reference projects and multiplies per gate (three or four matMuls per step), which suits the cpu backend's slow
// last-axis slices; on an engine where each op is a native call of fixed cost (tfjs-node) op count is what counts.
// A call under a gradient tape runs the reference, whose gradients tfjs derives.
import { referenceRnnSequence, referenceRnnSequenceUnchecked } from '../recurrent/reference-sequence.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import { validateRnnSequenceArgs, type SequenceDims } from '../recurrent/validate-sequence.js';
import { gruOpInference } from './gru-op-inference.js';
import { lstmOpInference } from './lstm-op-inference.js';

type Run = (args: RnnSequenceArgs, dims: SequenceDims) => RnnSequenceResult;

function inferenceOnly(run: Run): RecurrentKernel {
  return (args) => {
    if (isRecordingGradients()) return referenceRnnSequence(args);
    const dims = validateRnnSequenceArgs(args, 'opInferenceKernels');
    return run(args, dims);
  };
}

/**
 * LSTM and GRU (both reset conventions) inference kernels of whole-tensor ops; SimpleRNN's reference is already one
 * matMul and two ops per step, so it is the reference. Values equal the reference's within float32 rounding.
 */
export function opInferenceKernels(): Required<RecurrentKernelSet> {
  return {
    lstm: inferenceOnly(lstmOpInference),
    gru: inferenceOnly(gruOpInference),
    simpleRNN: inferenceOnly(referenceRnnSequenceUnchecked),
  };
}
