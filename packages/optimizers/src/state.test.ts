// Save and load: config (JSON) + getWeights, then setWeights on a rebuilt optimizer resumes bit-for-bit.
import { tf } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { lossOf, makeVariables } from '../test/harness.js';
import { problem } from '../test/reference.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { adamw } from './adamw.js';
import type { RnnkitOptimizer } from './base-optimizer.js';
import { getOptimizer, optimizerFromConfig, serializeOptimizer } from './get-optimizer.js';
import { nadam } from './nadam.js';
import { rmsprop } from './rmsprop.js';
import { cosineDecayRestarts } from './schedules.js';
import { sgd } from './sgd.js';

const MAKERS: [string, () => RnnkitOptimizer][] = [
  ['sgd nesterov', () => sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true, clipnorm: 1 })],
  ['adam amsgrad + schedule', () => adam({ learningRate: cosineDecayRestarts({ initialLearningRate: 0.05, firstDecaySteps: 3 }), amsgrad: true })],
  ['adamw', () => adamw({ learningRate: 0.02, weightDecay: 0.01, globalClipnorm: 2 })],
  ['nadam', () => nadam({ learningRate: 0.02 })],
  ['rmsprop centered momentum', () => rmsprop({ learningRate: 0.01, centered: true, momentum: 0.5 })],
  ['adagrad', () => adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.2 })],
  ['adadelta', () => adadelta({ learningRate: 1, clipvalue: 0.5 })],
  ['adamax', () => adamax({ learningRate: 0.02 })],
];

async function snapshot(opt: RnnkitOptimizer): Promise<{ json: string; weights: { name: string; values: number[]; shape: number[]; dtype: tf.DataType }[] }> {
  const weights = await opt.getWeights();
  const out = await Promise.all(weights.map(async (w) => ({ name: w.name, values: Array.from(await w.tensor.data()), shape: w.tensor.shape, dtype: w.tensor.dtype })));
  weights[0]!.tensor.dispose(); // 'iter' is a new tensor; the rest are the optimizer's live state (tfjs semantics)
  return { json: JSON.stringify(serializeOptimizer(opt)), weights: out };
}

describe('resume after save and load', () => {
  for (const [name, make] of MAKERS) {
    it(`${name}: 8 + 8 steps through a save equal 16 straight steps exactly`, async () => {
      const p = problem(2);
      const before = tf.memory().numTensors;
      const straight = make();
      const sv = makeVariables(p);
      for (let s = 0; s < 16; s++) straight.minimize(() => lossOf(p, sv), false, sv);

      const first = make();
      const rv = makeVariables(p);
      for (let s = 0; s < 8; s++) first.minimize(() => lossOf(p, rv), false, rv);
      const saved = await snapshot(first);
      expect(saved.weights[0]).toMatchObject({ name: 'iter', values: [8], dtype: 'int32' });
      first.dispose();

      const resumed = optimizerFromConfig(JSON.parse(saved.json));
      expect(resumed.getClassName()).toBe(JSON.parse(saved.json).className);
      const loaded = saved.weights.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape, w.dtype) }));
      await resumed.setWeights(loaded);
      tf.dispose(loaded.map((l) => l.tensor));
      expect(resumed.iterations).toBe(8);
      for (let s = 0; s < 8; s++) resumed.minimize(() => lossOf(p, rv), false, rv);

      sv.forEach((v, k) => expect(Array.from(rv[k]!.dataSync())).toEqual(Array.from(v.dataSync())));
      straight.dispose(); resumed.dispose();
      expect(straight.stateTensorCount).toBe(0);
      tf.dispose([...sv, ...rv]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('getWeights lists iter first, then <variable>/<slot> in slot order', async () => {
    const p = problem();
    const vars = makeVariables(p);
    const opt = adam({ amsgrad: true });
    expect((await opt.getWeights()).map((w) => w.name)).toEqual(['iter']);
    opt.minimize(() => lossOf(p, vars), false, vars);
    const weights = await opt.getWeights();
    expect(weights.map((w) => w.name)).toEqual(['iter', ...vars.flatMap((v) => ['m', 'v', 'vhat'].map((s) => `${v.name}/${s}`))]);
    expect(opt.stateTensorCount).toBe(6);
    weights[0]!.tensor.dispose();
    opt.dispose();
    tf.dispose(vars);
  });

  it('setWeights refuses an unknown slot, a missing slot and a list without iter', async () => {
    const opt = adam();
    const t = tf.zeros([2]);
    const iter = tf.scalar(3, 'int32');
    await expect(opt.setWeights([{ name: 'x/m', tensor: t }])).rejects.toThrow("adam.setWeights: weightValues must be a list starting with the 'iter' entry (as getWeights returns), got 'x/m'");
    await expect(opt.setWeights([{ name: 'iter', tensor: iter }, { name: 'x/momentum', tensor: t }])).rejects.toThrow("adam.setWeights: weightValues['x/momentum'] must be a name '<variable>/<slot>' with slot one of m, v, got 'x/momentum'");
    await expect(opt.setWeights([{ name: 'iter', tensor: iter }, { name: 'x/m', tensor: t }])).rejects.toThrow("adam.setWeights: weightValues for 'x' must be every slot (m, v), got no v");
    tf.dispose([t, iter]);
  });

  it('state restored with the wrong shape is refused at the next update', async () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([3]), true, 'state-shape-w'));
    const opt = sgd({ momentum: 0.5 });
    const iter = tf.scalar(1, 'int32'); const m = tf.zeros([2]); const g = tf.ones([3]);
    await opt.setWeights([{ name: 'iter', tensor: iter }, { name: 'state-shape-w/momentum', tensor: m }]);
    expect(() => opt.applyGradients({ 'state-shape-w': g })).toThrow("sgd.applyGradients: state of 'state-shape-w' must be shape [3] (the variable's), got shape [2] (from setWeights)");
    opt.dispose();
    tf.dispose([w, iter, m, g]);
  });
});

describe('config', () => {
  it('getConfig holds Keras names and defaults; getOptimizer builds each by name', () => {
    expect(serializeOptimizer(getOptimizer('adam') as RnnkitOptimizer)).toEqual({
      className: 'Adam', config: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, weightDecay: 0 },
    });
    expect(serializeOptimizer(getOptimizer('SGD') as RnnkitOptimizer).config).toEqual({ learningRate: 0.01, momentum: 0, nesterov: false, weightDecay: 0 });
    expect((getOptimizer('adamw') as RnnkitOptimizer).getConfig().weightDecay).toBe(0.004);
    expect((getOptimizer('rmsprop') as RnnkitOptimizer).getConfig()).toMatchObject({ learningRate: 0.001, rho: 0.9, momentum: 0, centered: false });
    expect((getOptimizer('adagrad') as RnnkitOptimizer).getConfig()).toMatchObject({ initialAccumulatorValue: 0.1 });
    expect((getOptimizer('adadelta') as RnnkitOptimizer).getConfig()).toMatchObject({ learningRate: 0.001, rho: 0.95 });
    for (const n of ['nadam', 'adamax']) expect((getOptimizer(n) as RnnkitOptimizer).getConfig()).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999 });
  });

  it('a plain tfjs optimizer passes through getOptimizer; ours are tf.Optimizer instances', () => {
    const plain = tf.train.sgd(0.1);
    expect(getOptimizer(plain)).toBe(plain);
    expect(adam()).toBeInstanceOf(tf.Optimizer);
    const s = adamw({ weightDecay: 0, clipnorm: 2, reportNorms: false });
    const again = optimizerFromConfig(serializeOptimizer(s));
    expect(again.getConfig()).toEqual(s.getConfig());
    expect(again.getClassName()).toBe('AdamW');
  });

  it('setLearningRate replaces a number or a schedule; getLearningRate evaluates the schedule at iterations', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1]), true, 'lr-w'));
    const g = tf.ones([1]);
    const opt = sgd({ learningRate: cosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 2, tMul: 1 }) });
    expect(opt.getLearningRate()).toBe(1);
    opt.applyGradients({ 'lr-w': g });
    expect(opt.getLearningRate()).toBeCloseTo(0.5, 12);
    opt.setLearningRate(0.25);
    expect(opt.getLearningRate()).toBe(0.25);
    expect(opt.getConfig().learningRate).toBe(0.25);
    opt.applyGradients({ 'lr-w': g });
    expect(w.dataSync()[0]).toBeCloseTo(-1.25, 6);
    tf.dispose([w, g]);
  });

  it('minimize without a varList trains every trainable variable and can return the cost', () => {
    const w = tf.tidy(() => tf.variable(tf.scalar(3), true, 'min-w'));
    const opt = sgd({ learningRate: 0.25 });
    const cost = opt.minimize(() => tf.square(w) as tf.Scalar, true)!;
    expect(cost.dataSync()[0]).toBe(9);
    expect(w.dataSync()[0]).toBeCloseTo(1.5, 6);
    tf.dispose([cost, w]);
  });
});
