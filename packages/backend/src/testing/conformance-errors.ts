import { tf } from '../tfjs.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import type { RnnSequenceArgs } from '../recurrent/types.js';

type Make = (base: RnnSequenceArgs, own: (t: tf.Tensor) => never) => unknown;

/** Wrong shapes and dtypes with the exact message every backend must give (validation runs before any kernel). */
export const ERROR_CASES: Array<[string, Make, typeof ShapeError | typeof DTypeError | typeof ValueError, string]> = [
  ['inputs of rank 2', (b, own) => ({ ...b, inputs: own(tf.zeros([2, 3])) }), ShapeError, 'rnnSequence: inputs must be rank 3 [batch, time, features], got rank 2 shape [2, 3]'],
  ['int32 inputs', (b, own) => ({ ...b, inputs: own(tf.zeros([2, 4, 3], 'int32')) }), DTypeError, 'rnnSequence: inputs must be float32, got int32'],
  ['kernel of the wrong width', (b, own) => ({ ...b, kernel: own(tf.zeros([3, 9])) }), ShapeError, 'rnnSequence: kernel must be shape [3, 12] ([features, 4 * units] for lstm with 3 units), got shape [3, 9]'],
  ['recurrent kernel of the wrong width', (b, own) => ({ ...b, recurrentKernel: own(tf.zeros([3, 9])) }), ShapeError, 'rnnSequence: recurrentKernel must be shape [3, 12] ([units, 4 * units] for lstm, units = 3 from its first dimension), got shape [3, 9]'],
  ['bias of the wrong size', (b, own) => ({ ...b, bias: own(tf.zeros([9])) }), ShapeError, 'rnnSequence: bias must be shape [12] ([4 * units] for lstm), got shape [9]'],
  ['one state for an lstm', (b) => ({ ...b, initialState: [b.initialState[0]] }), ValueError, 'rnnSequence: initialState must be 2 tensors ([h, c] for lstm), got 1'],
  ['int32 state', (b, own) => ({ ...b, initialState: [b.initialState[0], own(tf.zeros([2, 3], 'int32'))] }), DTypeError, 'rnnSequence: initialState[1] must be float32, got int32'],
  ['mask of the wrong length', (b, own) => ({ ...b, mask: own(tf.ones([2, 5])) }), ShapeError, 'rnnSequence: mask must be shape [2, 4] ([batch, time]), got shape [2, 5]'],
];
