import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { gradientRecorder } from '../src/collect/gradient-recorder.js';
import { measureGradientFlow } from '../src/collect/gradient-flow-probe.js';
import { adam } from '@rnnkit/optimizers';
import { tinyModel, train } from './helpers/tiny-model.js';

describe('measureGradientFlow', () => {
  it('matches central finite differences of a known function, and averages only real steps', () => {
    // loss = sum_t w_t * sum_f x[b,t,f]^2 -> d/dx = 2 w_t x; norm over f = 2 w_t |x_bt|.
    const x = tf.tensor3d([[[1, 2], [0.5, 0], [3, 4]], [[1, 0], [1, 1], [0, 2]]]);
    const w = tf.tensor1d([0.1, 1, 10]);
    const before = tf.memory().numTensors;
    const f = (h: tf.Tensor) => tf.sum(tf.mul(tf.sum(tf.square(h), 2), w)) as tf.Scalar;
    const mask = tf.tensor2d([[1, 1, 1], [0, 1, 1]]);
    const norms = measureGradientFlow(x, (h) => h, f, mask);
    expect(tf.memory().numTensors).toBe(before + 1); // the mask
    const [x1, m1] = [tf.slice(x, [0, 0, 0], [1, -1, -1]), tf.slice(mask, [0, 0], [1, -1])];
    expect(measureGradientFlow(x1, (h) => h, f, m1)[0]).toBeCloseTo(2 * 0.1 * Math.sqrt(5), 5); // a batch of one needs one row
    tf.dispose([mask, x1, m1]);
    expect(norms[0]).toBeNaN(); // row 1 is padding at t=0: one real row is too few to measure
    expect(norms[1]).toBeCloseTo((2 * 1 * 0.5 + 2 * 1 * Math.SQRT2) / 2, 5);
    expect(norms[2]).toBeCloseTo((2 * 10 * 5 + 2 * 10 * 2) / 2, 4);
    // Without a mask, all-zero input steps count as padding.
    const padded = tf.tensor3d([[[0, 0], [1, 0], [1, 1]], [[0, 0], [0, 0], [2, 0]]]);
    const auto = measureGradientFlow(padded, (h) => h, f);
    expect(auto[0]).toBeNaN();
    expect(auto[1]).toBeNaN();
    expect(auto[2]).toBeCloseTo((2 * 10 * Math.SQRT2 + 2 * 10 * 2) / 2, 4);
    tf.dispose([x, w, padded]);
  });
});

describe('gradientRecorder', () => {
  it('records batches, probes every k batches, and measures a tanh SimpleRNN forgetting a long sequence', () => {
    const before = tf.memory().numTensors;
    const N = 32;
    const T = 60;
    const x = tf.randomUniform([N, T, 1], -1, 1, 'float32', 3) as tf.Tensor3D;
    const y = tf.tidy(() => tf.reshape(tf.slice(x, [0, T - 1, 0], [N, 1, 1]), [N, 1])) as tf.Tensor2D;
    const model = tinyModel({ cell: 'simpleRNN', units: 8, features: 1, seed: 2 });
    const probe = { x: tf.slice(x, [0, 0, 0], [8, -1, -1]), y: tf.slice(y, [0, 0], [8, -1]) };
    const rec = gradientRecorder({ everyKBatches: 3, probe, datasetSize: N });
    const opt = tf.train.adam(0.01);
    train(model, x, y, { epochs: 2, batchSize: 8, optimizer: opt, loss: 'mse', callbacks: [rec] });
    const e = rec.evidence();
    expect(e.trace.loss).toHaveLength(8);
    expect(e.trace.gradNorm?.every((g) => g > 0)).toBe(true);
    expect(Object.keys(e.trace.layerGradNorms ?? {})).toEqual(['rnn', 'dense']);
    expect(e.gradientFlow?.probes.map((p) => p.batch)).toEqual([0, 3, 6]);
    expect(e.seenPerEpoch).toEqual([32, 32]);
    expect(e.history?.loss).toHaveLength(2);
    expect(e.history?.valLoss).toBeUndefined();
    const norms = e.gradientFlow!.probes[2].norms;
    expect(norms).toHaveLength(T);
    expect(norms[T - 1] / norms[0]).toBeGreaterThan(1e3); // the target is the last step: earlier steps barely matter
    expect(e.gates?.map((g) => g.gate)).toEqual(['h']);
    expect(e.gates![0].count).toBe(8 * T * 8);
    const g = rec.probeGradientNorms()!;
    expect(g.global).toBeCloseTo(Math.hypot(g.layers.rnn, g.layers.dense), 5);
    tf.dispose([x, y, probe.x, probe.y]);
    opt.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("takes per-batch gradient norms from an @rnnkit/optimizers optimizer's clip report when the logs carry none", () => {
    const before = tf.memory().numTensors;
    const x = tf.randomUniform([32, 6, 2], -1, 1, 'float32', 5) as tf.Tensor3D;
    const y = tf.tidy(() => tf.reshape(tf.sum(x, [1, 2]), [32, 1])) as tf.Tensor2D;
    const model = tinyModel({ cell: 'gru', units: 4, features: 2, seed: 4 });
    const optimizer = adam({ learningRate: 0.01, clipnorm: 1e-6 }); // every step clips
    const rec = gradientRecorder({ optimizer });
    // A trainer that passes only the loss: the norms come from the optimizer.
    const quiet = { setModel: (m: unknown) => rec.setModel(m), onEpochBegin: (e: number) => rec.onEpochBegin(e),
      onBatchEnd: (b: number, logs: Record<string, unknown>) => rec.onBatchEnd(b, { loss: logs.loss as number, size: logs.size as number }) };
    train(model, x, y, { epochs: 1, batchSize: 8, optimizer, loss: 'mse', callbacks: [quiet] });
    const e = rec.evidence();
    expect(e.learningRate).toBe(0.01);
    expect(e.trace.gradNorm).toHaveLength(4);
    expect(e.trace.gradNorm!.every((g) => g > 0)).toBe(true);
    // The optimizer's report is pre-clip, per variable; the recorder groups variables into layers by name prefix.
    const layers = e.trace.layerGradNorms!;
    expect(Object.keys(layers).sort()).toEqual(['dense', 'rnn']);
    for (let i = 0; i < 4; i++) expect(Math.hypot(layers.rnn[i], layers.dense[i])).toBeCloseTo(e.trace.gradNorm![i], 4);
    expect(e.clippedBatches).toBe(4);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad config with a clear message', () => {
    expect(() => gradientRecorder({ everyKBatches: 0 })).toThrow("gradientRecorder: 'everyKBatches' must be a positive integer, got 0");
    const bad = tf.zeros([4, 3]);
    expect(() => gradientRecorder({ probe: { x: bad } })).toThrow("'probe.x' must be a [batch, time, features] float tensor or [batch, time] int32 token ids, got shape [4, 3] float32");
    bad.dispose();
  });
});
