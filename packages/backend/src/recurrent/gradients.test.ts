import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { disposeArgs, makeCase, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { autodiffGradients, lossWeightsFor, plainNumericGradients, relativeError } from '../testing/gradients.js';
import { referenceRnnSequence } from './reference-sequence.js';

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

const cases: Array<[string, CaseOptions]> = [
  ['simpleRNN', { cell: 'simpleRNN', returnSequences: true }],
  ['simpleRNN goBackwards, mask', { cell: 'simpleRNN', goBackwards: true, mask: 'holes' }],
  ['lstm', { cell: 'lstm' }],
  ['lstm mask, goBackwards, sequences', { cell: 'lstm', mask: 'holes', goBackwards: true, returnSequences: true }],
  ['lstm zeroOutputForMask=false, dropout', { cell: 'lstm', mask: 'right', returnSequences: true, zeroOutputForMask: false, dropout: true }],
  ['gru resetAfter=true', { cell: 'gru', returnSequences: true, mask: 'right' }],
  ['gru resetAfter=false', { cell: 'gru', resetAfter: false, goBackwards: true }],
  ['gru dropout, softplus', { cell: 'gru', dropout: true, activation: 'softplus', returnSequences: true }],
];

describe('reference kernel gradients against Float64 central differences', () => {
  it.each(cases)('%s', (_name, o) => {
    const plain = makeCase({ ...o, seed: 11 });
    const w = lossWeightsFor(plain);
    const numeric = plainNumericGradients(plain, w);
    const args = toTensorArgs(plain);
    const auto = autodiffGradients(referenceRnnSequence, args, w);
    disposeArgs(args);
    expect(Object.keys(auto)).toEqual(Object.keys(numeric));
    for (const name of Object.keys(numeric)) {
      expect(relativeError(auto[name], numeric[name]), name).toBeLessThan(1e-4);
    }
  });
});
