import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmptyDatasetError, InvalidArgumentError, SampleError } from './errors.js';
import { padSequences } from './pad-sequences.js';

const rows = (p: { data: ArrayLike<number>; shape: number[] }): number[][] => {
  const [n, t] = p.shape;
  const w = p.shape[2] ?? 1;
  return Array.from({ length: n }, (_, i) => Array.from(p.data).slice(i * t * w, (i + 1) * t * w));
};

describe('padSequences: the Keras pad_sequences documented examples', () => {
  const sequence = [[1], [2, 3], [4, 5, 6]];
  it('defaults: pre padding with 0, int32, maxlen = longest', () => {
    const p = padSequences(sequence);
    expect(p.dtype).toBe('int32');
    expect(p.data).toBeInstanceOf(Int32Array);
    expect(p.shape).toEqual([3, 3]);
    expect(rows(p)).toEqual([[0, 0, 1], [0, 2, 3], [4, 5, 6]]);
  });
  it('value=-1', () => {
    expect(rows(padSequences(sequence, { value: -1 }))).toEqual([[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]);
  });
  it("padding='post'", () => {
    expect(rows(padSequences(sequence, { padding: 'post' }))).toEqual([[1, 0, 0], [2, 3, 0], [4, 5, 6]]);
  });
  it('maxlen=2 truncates from the front (truncating pre) and reports it', () => {
    const p = padSequences(sequence, { maxlen: 2 });
    expect(rows(p)).toEqual([[0, 1], [2, 3], [5, 6]]);
    expect(p.truncated).toEqual({ samples: 1, stepsCut: 1, ids: [2] });
  });
  it("maxlen=2, truncating='post' keeps the first steps", () => {
    expect(rows(padSequences(sequence, { maxlen: 2, truncating: 'post' }))).toEqual([[0, 1], [2, 3], [4, 5]]);
  });
});

describe('padSequences: lengths, mask, feature vectors', () => {
  it('returns kept lengths and a mask matching the padding side', () => {
    const p = padSequences([[7], [8, 9], []], { padding: 'post', maxlen: 2 });
    expect(Array.from(p.lengths)).toEqual([1, 2, 0]);
    expect(Array.from(p.mask)).toEqual([1, 0, 1, 1, 0, 0]);
    const q = padSequences([[7], [8, 9]]);
    expect(Array.from(q.mask)).toEqual([0, 1, 1, 1]);
  });
  it('pads sequences of feature vectors to [N, maxlen, F]', () => {
    const p = padSequences([[[1, 2]], [[3, 4], [5, 6]]], { dtype: 'float32' });
    expect(p.shape).toEqual([2, 2, 2]);
    expect(p.data).toBeInstanceOf(Float32Array);
    expect(Array.from(p.data)).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('padSequences: bad input', () => {
  it('maxlen <= 0', () => {
    expect(() => padSequences([[1]], { maxlen: 0 })).toThrow(new InvalidArgumentError('padSequences', 'maxlen', 'a positive integer', '0'));
    expect(() => padSequences([[1]], { maxlen: -3 })).toThrow("padSequences: 'maxlen' must be a positive integer, got -3");
  });
  it('empty list of sequences', () => {
    expect(() => padSequences([])).toThrow(EmptyDatasetError);
    expect(() => padSequences([])).toThrow("padSequences: 'sequences' is empty; expected at least one sample, got 0");
  });
  it('non-numeric token names the sample and step', () => {
    expect(() => padSequences([[1, 2], [3, 'x' as unknown as number]])).toThrow('padSequences: sample 1: step 1: expected a number, got string "x"');
    expect(() => padSequences([[1, NaN]])).toThrow('padSequences: sample 0: step 1: expected a number, got NaN');
  });
  it('ragged feature sizes name the sample', () => {
    expect(() => padSequences([[[1, 2]], [[3, 4], [5]]], { dtype: 'float32' }))
      .toThrow('padSequences: sample 1: ragged feature sizes: step 1 must have 2 features (as earlier steps and samples), got length 1');
    expect(() => padSequences([[[1, 2]], [3]])).toThrow(SampleError);
  });
  it('fractional values with int32 are an error, not a silent cast', () => {
    expect(() => padSequences([[0.5]])).toThrow("sample 0: step 0: dtype 'int32' needs integers in int32 range, got 0.5");
  });
});

/** The plain reference: Keras' algorithm written out with arrays. */
function reference(seqs: number[][], maxlen: number | undefined, padding: 'pre' | 'post', truncating: 'pre' | 'post', value: number): number[][] {
  const L = maxlen ?? Math.max(0, ...seqs.map((s) => s.length));
  return seqs.map((s) => {
    const t = s.length > L ? (truncating === 'pre' ? s.slice(s.length - L) : s.slice(0, L)) : s;
    const pad = Array(L - t.length).fill(value);
    return padding === 'pre' ? [...pad, ...t] : [...t, ...pad];
  });
}

describe('padSequences: property test against the reference', () => {
  it('matches for any sequences and options', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 12 }), { minLength: 1, maxLength: 10 }),
      fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
      fc.constantFrom('pre' as const, 'post' as const),
      fc.constantFrom('pre' as const, 'post' as const),
      fc.integer({ min: -5, max: 5 }),
      (seqs, maxlen, padding, truncating, value) => {
        const p = padSequences(seqs, { maxlen, padding, truncating, value });
        const ref = reference(seqs, maxlen, padding, truncating, value);
        expect(rows(p)).toEqual(ref);
        const L = p.shape[1];
        expect(Array.from(p.lengths)).toEqual(seqs.map((s) => Math.min(s.length, L)));
        expect(p.truncated.stepsCut).toBe(seqs.reduce((a, s) => a + Math.max(0, s.length - L), 0));
        const maskRef = reference(seqs.map((s) => s.map(() => 1)), maxlen, padding, truncating, 0);
        expect(Array.from(p.mask)).toEqual(maskRef.flat());
      },
    ), { numRuns: 200 });
  });
});
