import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { adam } from './adam.js';
import { clipByGlobalNorm, globalNorm } from './clip.js';
import { sgd } from './sgd.js';

function vars(values: number[][], tag: string): tf.Variable[] {
  return values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v), true, `clip-${tag}-${i}`)));
}

describe('globalNorm / clipByGlobalNorm', () => {
  it('computes sqrt of the sum of squares over every tensor, list or map', () => {
    const a = tf.tensor([3, 0]);
    const b = tf.tensor([[4]]);
    const before = tf.memory().numTensors;
    const n1 = globalNorm([a, b]);
    const n2 = globalNorm({ a, b });
    expect(n1.dataSync()[0]).toBeCloseTo(5, 6);
    expect(n2.dataSync()[0]).toBeCloseTo(5, 6);
    n1.dispose(); n2.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('scales every gradient by maxNorm / globalNorm when above, leaves them when within', () => {
    const a = tf.tensor([3, 0]);
    const b = tf.tensor([4]);
    const before = tf.memory().numTensors;
    const { clipped, globalNorm: n } = clipByGlobalNorm([a, b], 1);
    expect(Array.from(clipped[0]!.dataSync())).toEqual([Math.fround(0.6), 0]);
    expect(clipped[1]!.dataSync()[0]).toBeCloseTo(0.8, 6);
    expect(n.dataSync()[0]).toBeCloseTo(5, 6);
    const within = clipByGlobalNorm({ a, b }, 10);
    expect(Array.from(within.clipped.a!.dataSync())).toEqual([3, 0]);
    tf.dispose([...clipped, n, within.clipped.a!, within.clipped.b!, within.globalNorm]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('refuses a maxNorm <= 0 or NaN, and non-tensors', () => {
    const a = tf.tensor([1]);
    expect(() => clipByGlobalNorm([a], 0)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got 0');
    expect(() => clipByGlobalNorm([a], NaN)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got NaN');
    expect(() => globalNorm({ w: 3 as unknown as tf.Tensor })).toThrow("globalNorm: grads['w'] must be a tf.Tensor, got 3");
    a.dispose();
  });
});

describe('lastClipReport', () => {
  it('reports pre-clip global and per-variable norms, whether clipping fired, and the cumulative count', () => {
    const [w1, w2] = vars([[0, 0], [0]], 'report') as [tf.Variable, tf.Variable];
    const opt = sgd({ learningRate: 0.1, globalClipnorm: 1 });
    expect(opt.lastClipReport).toBeNull();
    const g1 = tf.tensor([3, 0]); const g2 = tf.tensor([4]);
    opt.applyGradients({ [w1.name]: g1, [w2.name]: g2 });
    expect(opt.lastClipReport!.globalNorm).toBeCloseTo(5, 5);
    expect(opt.lastClipReport!.perVariableNorms![w1.name]).toBeCloseTo(3, 5);
    expect(opt.lastClipReport!.perVariableNorms![w2.name]).toBeCloseTo(4, 5);
    expect(opt.lastClipReport!.clipped).toBe(true);
    expect(opt.lastClipReport!.clipCount).toBe(1);
    expect(opt.lastClipReport!.finite).toBe(true);
    // The update used the clipped gradient: w -= 0.1 * g / 5.
    expect(w1.dataSync()[0]).toBeCloseTo(-0.06, 6);
    expect(w2.dataSync()[0]).toBeCloseTo(-0.08, 6);
    const small = [tf.tensor([0.1, 0]), tf.tensor([0.1])];
    opt.applyGradients([{ name: w1.name, tensor: small[0]! }, { name: w2.name, tensor: small[1]! }]);
    expect(opt.lastClipReport!.clipped).toBe(false);
    expect(opt.lastClipReport!.clipCount).toBe(1);
    opt.applyGradients({ [w1.name]: g1, [w2.name]: g2 });
    expect(opt.lastClipReport!.clipCount).toBe(2);
    tf.dispose([g1, g2, ...small, w1, w2]);
    opt.dispose();
  });

  it('clipnorm clips each variable on its own; clipvalue reports when an element was clipped', () => {
    const [w1, w2] = vars([[0, 0], [0]], 'pervar') as [tf.Variable, tf.Variable];
    const g1 = tf.tensor([3, 4]); const g2 = tf.tensor([0.5]);
    const byNorm = sgd({ learningRate: 1, clipnorm: 1 });
    byNorm.applyGradients({ [w1.name]: g1, [w2.name]: g2 });
    expect(Array.from(w1.dataSync()).map((x) => +x.toFixed(6))).toEqual([-0.6, -0.8]);
    expect(w2.dataSync()[0]).toBeCloseTo(-0.5, 6);
    expect(byNorm.lastClipReport!.clipped).toBe(true);
    const byValue = sgd({ learningRate: 1, clipvalue: 3.5 });
    byValue.applyGradients({ [w1.name]: g1, [w2.name]: g2 });
    expect(Array.from(w1.dataSync()).map((x) => +x.toFixed(6))).toEqual([-3.6, -4.3]);
    expect(byValue.lastClipReport!.clipped).toBe(true);
    expect(byValue.lastClipReport!.globalNorm).toBeCloseTo(Math.sqrt(25.25), 5);
    tf.dispose([g1, g2, w1, w2]);
    byNorm.dispose(); byValue.dispose();
  });

  it('reports a non-finite gradient and never rescales it to zero', () => {
    const [w] = vars([[1, 1]], 'nan') as [tf.Variable];
    const opt = adam({ learningRate: 0.1, globalClipnorm: 1 });
    const g = tf.tensor([Infinity, 1]);
    opt.applyGradients({ [w.name]: g });
    expect(opt.lastClipReport!.finite).toBe(false);
    expect(opt.lastClipReport!.globalNorm).toBe(Infinity);
    expect(opt.lastClipReport!.clipped).toBe(false);
    expect(Number.isFinite(w.dataSync()[0])).toBe(false);
    tf.dispose([g, w]);
    opt.dispose();
  });

  it('a step with only null gradients reports a zero norm, not the previous step', () => {
    const [w] = vars([[1]], 'nullgrad') as [tf.Variable];
    const opt = sgd({ clipnorm: 1 });
    const g = tf.tensor([5]);
    opt.applyGradients({ [w.name]: g });
    expect(opt.lastClipReport!.globalNorm).toBeCloseTo(5, 5);
    opt.applyGradients({ [w.name]: null as unknown as tf.Tensor });
    expect(opt.lastClipReport).toEqual({ globalNorm: 0, perVariableNorms: {}, clipped: false, clipCount: 1, finite: true });
    expect(opt.iterations).toBe(2);
    tf.dispose([g, w]);
    opt.dispose();
  });

  it('reportNorms: false skips the read when nothing is clipped', () => {
    const [w] = vars([[1]], 'noreport') as [tf.Variable];
    const opt = sgd({ reportNorms: false });
    const g = tf.tensor([1]);
    opt.applyGradients({ [w.name]: g });
    expect(opt.lastClipReport).toBeNull();
    expect(w.dataSync()[0]).toBeCloseTo(0.99, 6);
    tf.dispose([g, w]);
  });
});
