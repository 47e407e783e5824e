import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { baselineLoss, dataEvidence, targetEvidence } from './data-evidence.js';
import { labelsOf, readArray } from './dense.js';
import { gradientEntry } from './model-access.js';

describe('readArray', () => {
  it('reads tensors, {data, shape}, nested and ragged arrays, with clear errors', () => {
    const t = tf.tensor2d([[1, 2], [3, 4]]);
    expect(readArray('f', 'x', t)).toEqual({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2] });
    t.dispose();
    expect(readArray('f', 'x', [[[1], [2]], [[3], [4]]])).toEqual({ data: new Float64Array([1, 2, 3, 4]), shape: [2, 2, 1] });
    expect(readArray('f', 'x', [[1, 2, 3], [4]])).toEqual({ steps: [[[1], [2], [3]], [[4]]] });
    expect(() => readArray('f', 'x', { data: new Float32Array(3), shape: [2, 2] })).toThrow("f: 'x.data' must be length 4 for shape [2, 2], got length 3");
    expect(() => readArray('f', 'x', 'abc')).toThrow("f: 'x' must be a tensor, {data, shape} or a nested array of numbers, got string \"abc\"");
    expect(() => readArray('f', 'x', [[1, 'a']])).toThrow("f: 'x[0][1]' must be a number or an array of numbers, got string \"a\"");
  });

  it('labelsOf takes values, [N, 1] columns and one-hot argmax', () => {
    expect(labelsOf({ data: [0, 1, 1], shape: [3] })).toEqual([0, 1, 1]);
    expect(labelsOf({ data: [0, 0, 1, 0, 1, 0], shape: [2, 3] })).toEqual([2, 1]);
    expect(labelsOf({ data: new Float32Array(8), shape: [2, 2, 2] })).toBeUndefined();
  });
});

describe('dataEvidence', () => {
  it('finds pre and post padding runs, real lengths, per-feature scale and NaN', () => {
    const x = { data: new Float32Array([0, 0, 1, 2, /* row 1 */ 3, 0, 0, 0, /* row 2 */ 5, NaN, 7, 8]), shape: [3, 4, 1] };
    const e = dataEvidence(x);
    expect(e.lengths).toEqual([2, 1, 4]);
    expect(e.padding).toEqual({ rows: 3, steps: 4, leading: 2, trailing: 3, paddedRows: 2 });
    expect(e.nonFinite).toEqual({ count: 1, firstSample: 2 });
    const vals = [1, 2, 3, 5, 7, 8];
    expect(e.features.mean[0]).toBeCloseTo(vals.reduce((a, b) => a + b) / 6, 6);
    expect(e.features.rms[0]).toBeCloseTo(Math.sqrt(vals.reduce((a, b) => a + b * b, 0) / 6), 6);
    expect(e.sampleMeans).toEqual([1.5, 3, (5 + 7 + 8) / 3]);
    expect(e.features.mean[0]).toBeCloseTo(26 / 6, 6);
    expect(e.tokens).toBe(false);
  });

  it('ragged sequences are not padded; integer [N, T] data is tokens', () => {
    expect(dataEvidence({ steps: [[[1], [0]], [[2]]] }).padding).toBeUndefined();
    expect(dataEvidence({ steps: [[[1], [0]], [[2]]] }).lengths).toEqual([2, 1]);
    expect(dataEvidence({ data: new Int32Array([4, 5, 0, 0]), shape: [2, 2] }).tokens).toBe(true);
  });
});

describe('targets and baseline', () => {
  it('counts non-finite targets by sample, and gives the constant-prediction loss', () => {
    expect(targetEvidence({ data: [1, NaN, 0, Infinity], shape: [2, 2] }).nonFinite).toEqual({ count: 2, firstSample: 0 });
    expect(baselineLoss('mse', [0, 2])).toBe(1);
    expect(baselineLoss('binaryCrossentropy', [0, 1, 1, 0])).toBeCloseTo(Math.log(2), 12);
    expect(baselineLoss('mae', [1, 2, 3])).toBeCloseTo(2 / 3, 12);
    expect(baselineLoss('hinge', [0, 1])).toBeUndefined();
  });
});

describe('gradientEntry', () => {
  it('measures int32 token inputs at the Embedding output of a sequential model', () => {
    const table = tf.tensor2d([[0, 0], [1, 2], [3, 4]]);
    const model = { layers: [
      { getClassName: () => 'Embedding', apply: (x: tf.Tensor) => tf.gather(table, x as tf.Tensor2D) },
      { getClassName: () => 'LSTM', apply: (h: tf.Tensor) => tf.sum(h, [1, 2]) },
    ] };
    const x = tf.tensor2d([[1, 2]], [1, 2], 'int32');
    const { input, rest } = gradientEntry('probe', model, x);
    expect(input.shape).toEqual([1, 2, 2]);
    expect(Array.from(rest(input).dataSync())).toEqual([10]);
    expect(() => gradientEntry('probe', { layers: [model.layers[1]] }, x)).toThrow(
      "probe: 'probe.x' must be float32 inputs, or int32 token ids into a sequential model that starts with an Embedding, got int32 into layers [LSTM]");
    tf.dispose([table, x, input]);
  });
});

describe('dataEvidence on ragged token sequences', () => {
  it('tokenizer output (ragged rows of integer ids) counts as tokens, so ids are not judged as unscaled features', () => {
    const ids = dataEvidence(readArray('t', 'x', [[4, 17, 250], [3, 1200, 9, 9, 2]]) as never);
    expect(ids.tokens).toBe(true);
    const real = dataEvidence(readArray('t', 'x', [[0.5, 1.25], [3, 2, 7.5]]) as never);
    expect(real.tokens).toBe(false);
  });
});
