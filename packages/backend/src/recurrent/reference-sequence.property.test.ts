import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { ACTIVATION_NAMES } from './activations.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { plainRnnSequence } from '../testing/plain-rnn.js';
import { referenceRnnSequence } from './reference-sequence.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Any combination of cell, sizes, mask pattern and flags: the reference kernel agrees with the Float64 oracle.
const caseArb: fc.Arbitrary<CaseOptions> = fc.record({
  cell: fc.constantFrom('simpleRNN', 'lstm', 'gru'),
  batch: fc.integer({ min: 1, max: 3 }),
  time: fc.integer({ min: 1, max: 5 }),
  features: fc.integer({ min: 1, max: 4 }),
  units: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  mask: fc.constantFrom('none', 'right', 'holes'),
  goBackwards: fc.boolean(),
  returnSequences: fc.boolean(),
  zeroOutputForMask: fc.boolean(),
  resetAfter: fc.boolean(),
  bias: fc.boolean(),
  dropout: fc.boolean(),
  activation: fc.constantFrom(...ACTIVATION_NAMES),
}) as fc.Arbitrary<CaseOptions>;

describe('referenceRnnSequence (property)', () => {
  it('matches the plain Float64 oracle for any configuration, and frees everything', () => {
    fc.assert(
      fc.property(caseArb, (o) => {
        const plain = makeCase(o);
        const want = plainRnnSequence(plain);
        const before = tf.memory().numTensors;
        const args = toTensorArgs(plain);
        const r = referenceRnnSequence(args);
        const got = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
        tf.dispose([r.outputs, ...r.states]);
        disposeArgs(args);
        expect(tf.memory().numTensors).toBe(before);
        expect(maxAbsDiff(got.outputs, want.outputs)).toBeLessThan(1e-4);
        expect(maxAbsDiff(got.states, want.states)).toBeLessThan(1e-4);
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });
});
