import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from '../testing/cases.js';
import { referenceRnnSequence } from './reference-sequence.js';
import type { CellKind, RnnSequenceArgs } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

function runTensors(args: RnnSequenceArgs): { outputs: unknown; states: unknown[] } {
  const r = referenceRnnSequence(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
  tf.dispose([r.outputs, ...r.states]);
  return out;
}

/** One sample of length `len`, run unpadded and padded to `len + pad` (with garbage in the padding). */
function paddedVsUnpadded(cell: CellKind, side: 'right' | 'left', goBackwards: boolean) {
  const len = 3;
  const pad = 2;
  const plain = makeCase({ cell, batch: 1, time: len, seed: 5, goBackwards });
  const unpadded = toTensorArgs(plain);
  const garbage = [[9, -9, 4], [-7, 8, 3]];
  const padded = { ...plain, inputs: [side === 'right' ? [...plain.inputs[0], ...garbage] : [...garbage, ...plain.inputs[0]]] };
  const mask = side === 'right' ? [[1, 1, 1, 0, 0]] : [[0, 0, 1, 1, 1]];
  const paddedArgs = toTensorArgs({ ...padded, mask });
  const a = runTensors(unpadded);
  const b = runTensors(paddedArgs);
  disposeArgs(unpadded);
  disposeArgs(paddedArgs);
  return { a, b, pad };
}

describe('masking', () => {
  for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
    for (const side of ['right', 'left'] as const) {
      for (const goBackwards of [false, true]) {
        it(`${cell}: ${side}-padded with a mask ends in the unpadded final state (goBackwards ${goBackwards})`, () => {
          const { a, b } = paddedVsUnpadded(cell, side, goBackwards);
          expect(maxAbsDiff(b.states, a.states)).toBeLessThan(1e-6);
          expect(maxAbsDiff(b.outputs, a.outputs)).toBeLessThan(1e-6);
        });
      }
    }
  }

  it('emits zeros at masked steps by default and the last real output with zeroOutputForMask false', () => {
    const plain = makeCase({ cell: 'gru', batch: 1, time: 4, seed: 2, returnSequences: true });
    plain.mask = [[1, 0, 1, 0]];
    const zeroArgs = toTensorArgs(plain);
    const carryArgs = toTensorArgs({ ...plain, zeroOutputForMask: false });
    const zero = runTensors(zeroArgs).outputs as number[][][];
    const carry = runTensors(carryArgs).outputs as number[][][];
    disposeArgs(zeroArgs);
    disposeArgs(carryArgs);
    expect(zero[0][1]).toEqual([0, 0]);
    expect(zero[0][3]).toEqual([0, 0]);
    expect(carry[0][1]).toEqual(carry[0][0]);
    expect(carry[0][3]).toEqual(carry[0][2]);
    expect(zero[0][2]).toEqual(carry[0][2]);
  });

  it('accepts bool and int32 masks the same as float32', () => {
    const plain = makeCase({ cell: 'lstm', mask: 'holes', returnSequences: true, seed: 4 });
    const f = toTensorArgs(plain);
    const want = runTensors(f);
    for (const dtype of ['bool', 'int32'] as const) {
      const m = tf.tensor2d(plain.mask!, undefined, dtype);
      expect(runTensors({ ...f, mask: m })).toEqual(want);
      m.dispose();
    }
    disposeArgs(f);
  });

  it('returns the initial state and zero output when every step is masked', () => {
    const plain = makeCase({ cell: 'lstm', batch: 1, time: 2, seed: 6 });
    plain.mask = [[0, 0]];
    const args = toTensorArgs(plain);
    const r = runTensors(args);
    disposeArgs(args);
    expect(maxAbsDiff(r.states, plain.initialState)).toBeLessThan(1e-7);
    expect(r.outputs).toEqual([[0, 0]]);
  });
});
