import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { disposeArgs, makeCase, toTensorArgs } from '../testing/cases.js';
import { rnnSequence } from './rnn-sequence.js';
import type { RnnSequenceArgs } from './types.js';

// Base cases: lstm B=2, T=4, F=3, U=2; gru with resetAfter.
let lstm: RnnSequenceArgs;
let gru: RnnSequenceArgs;
const extra: tf.Tensor[] = [];
const t = (shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32') => {
  const x = tf.zeros(shape, dtype);
  extra.push(x);
  return x as never;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  lstm = toTensorArgs(makeCase({ cell: 'lstm' }));
  gru = toTensorArgs(makeCase({ cell: 'gru' }));
});
afterAll(() => {
  disposeArgs(lstm);
  disposeArgs(gru);
  tf.dispose(extra);
});

function errorOf(args: unknown): Error {
  const before = tf.memory().numTensors;
  try {
    rnnSequence(args as RnnSequenceArgs);
  } catch (e) {
    expect(tf.memory().numTensors).toBe(before);
    return e as Error;
  }
  throw new Error('expected rnnSequence to throw');
}

describe('rnnSequence argument checks', () => {
  const cases: Array<[string, () => unknown, typeof ShapeError | typeof DTypeError | typeof ValueError, string]> = [
    ['unknown cell', () => ({ ...lstm, cell: 'rnn' }), ValueError, 'rnnSequence: cell must be one of simpleRNN, lstm, gru, got "rnn"'],
    ['inputs rank', () => ({ ...lstm, inputs: t([2, 3]) }), ShapeError, 'rnnSequence: inputs must be rank 3 [batch, time, features], got rank 2 shape [2, 3]'],
    ['inputs dtype', () => ({ ...lstm, inputs: t([2, 4, 3], 'int32') }), DTypeError, 'rnnSequence: inputs must be float32, got int32'],
    ['inputs not a tensor', () => ({ ...lstm, inputs: [[[1]]] }), ValueError, 'rnnSequence: inputs must be a tf.Tensor of rank 3 [batch, time, features], got an array of length 1'],
    ['zero time steps', () => ({ ...lstm, inputs: t([2, 0, 3]) }), ValueError, 'rnnSequence: inputs must be at least 1 time step, got shape [2, 0, 3]'],
    ['kernel width', () => ({ ...lstm, kernel: t([3, 6]) }), ShapeError, 'rnnSequence: kernel must be shape [3, 8] ([features, 4 * units] for lstm with 2 units), got shape [3, 6]'],
    ['kernel features', () => ({ ...lstm, kernel: t([5, 8]) }), ShapeError, 'rnnSequence: kernel must be shape [3, 8] ([features, 4 * units] for lstm with 2 units), got shape [5, 8]'],
    ['recurrentKernel', () => ({ ...gru, recurrentKernel: t([2, 8]) }), ShapeError, 'rnnSequence: recurrentKernel must be shape [2, 6] ([units, 3 * units] for gru, units = 2 from its first dimension), got shape [2, 8]'],
    ['lstm bias', () => ({ ...lstm, bias: t([6]) }), ShapeError, 'rnnSequence: bias must be shape [8] ([4 * units] for lstm), got shape [6]'],
    ['gru resetAfter bias rank', () => ({ ...gru, bias: t([6]) }), ShapeError, 'rnnSequence: bias must be rank 2 [2, 3 * units] (input row, recurrent row) for gru with resetAfter, got rank 1 shape [6]'],
    ['gru resetAfter=false bias', () => ({ ...gru, resetAfter: false, bias: t([2, 6]) }), ShapeError, 'rnnSequence: bias must be rank 1 [3 * units] (gru with resetAfter false), got rank 2 shape [2, 6]'],
    ['resetAfter on lstm', () => ({ ...lstm, resetAfter: true }), ValueError, "rnnSequence: resetAfter must be unset or false (it applies to 'gru' only), got true for lstm"],
    ['state count', () => ({ ...lstm, initialState: [lstm.initialState[0]] }), ValueError, 'rnnSequence: initialState must be 2 tensors ([h, c] for lstm), got 1'],
    ['state shape', () => ({ ...lstm, initialState: [lstm.initialState[0], t([2, 3])] }), ShapeError, 'rnnSequence: initialState[1] must be shape [2, 2] ([batch, units]), got shape [2, 3]'],
    ['state dtype', () => ({ ...gru, initialState: [t([2, 2], 'int32')] }), DTypeError, 'rnnSequence: initialState[0] must be float32, got int32'],
    ['mask shape', () => ({ ...lstm, mask: t([2, 5]) }), ShapeError, 'rnnSequence: mask must be shape [2, 4] ([batch, time]), got shape [2, 5]'],
    ['mask dtype', () => ({ ...lstm, mask: tf.tensor2d([['a']] as never) }), DTypeError, 'rnnSequence: mask must be float32 or int32 or bool, got string'],
    ['input dropout mask', () => ({ ...lstm, inputDropoutMask: t([2, 2]) }), ShapeError, 'rnnSequence: inputDropoutMask must be shape [2, 3] ([batch, features]), got shape [2, 2]'],
    ['recurrent dropout mask', () => ({ ...lstm, recurrentDropoutMask: t([1, 2]) }), ShapeError, 'rnnSequence: recurrentDropoutMask must be shape [2, 2] ([batch, units]), got shape [1, 2]'],
    ['activation', () => ({ ...lstm, activation: 'tanhh' }), ValueError, 'rnnSequence: activation must be one of tanh, sigmoid, hardSigmoid, relu, relu6, linear, elu, selu, softsign, softplus, swish, mish, gelu, got "tanhh"'],
    ['recurrentActivation on simpleRNN', () => ({ ...toTensorArgs(makeCase({ cell: 'simpleRNN' })), recurrentActivation: 'sigmoid' }), ValueError, "rnnSequence: recurrentActivation must be unset (simpleRNN has no gates; use 'activation'), got \"sigmoid\""],
    ['flag type', () => ({ ...lstm, goBackwards: 'yes' }), ValueError, 'rnnSequence: goBackwards must be a boolean, got string "yes"'],
  ];
  it.each(cases)('%s', (_name, make, type, message) => {
    const args = make();
    const e = errorOf(args);
    expect(e).toBeInstanceOf(type);
    expect(e.message).toBe(message);
    const a = args as RnnSequenceArgs;
    if (a.cell === 'simpleRNN') disposeArgs(a);
    if (a.mask && a.mask.dtype === 'string') a.mask.dispose();
  });

  it('rejects a disposed tensor', () => {
    const k = tf.zeros([3, 8]);
    k.dispose();
    expect(errorOf({ ...lstm, kernel: k }).message).toBe('rnnSequence: kernel must be a live tensor, got a disposed tensor of shape [3, 8]');
  });

  it('names the fields on the error object', () => {
    const e = errorOf({ ...lstm, kernel: t([3, 6]) }) as ShapeError;
    expect([e.name, e.op, e.argument, e.got]).toEqual(['ShapeError', 'rnnSequence', 'kernel', 'shape [3, 6]']);
  });
});
