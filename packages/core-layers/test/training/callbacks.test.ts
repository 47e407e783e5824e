// Callbacks against Keras' counting rules (driven epoch by epoch), and the gradient norms onBatchEnd hands over.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { checkpointPath, compileModel, earlyStopping, fitModel, reduceLROnPlateau, type BatchEndLogs, type Callback } from '../../src/training/index.js';
import { TinyDense, TinyRnn } from './tiny-models.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

/** Feeds a monitored value per epoch to a callback; returns the epoch at which it set stopTraining (or -1). */
function drive(cb: Callback, model: TinyDense, values: number[]): number {
  cb.setModel?.(model);
  cb.onTrainBegin?.();
  for (let e = 0; e < values.length; e++) {
    cb.onEpochEnd?.(e, { loss: values[e] });
    if (model.stopTraining) return e;
  }
  return -1;
}

describe('earlyStopping (Keras counting)', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta', () => {
    const losses = [1, 0.9, 0.95, 0.92, 0.91, 0.5];
    expect(drive(earlyStopping({ monitor: 'loss', patience: 0 }), new TinyDense([[1]], [0]), losses)).toBe(2);
    expect(drive(earlyStopping({ monitor: 'loss', patience: 3 }), new TinyDense([[1]], [0]), losses)).toBe(4);
    // 1 -> 0.95 -> 0.92 are not improvements of more than 0.1: epochs 1 and 2 count as waiting.
    expect(drive(earlyStopping({ monitor: 'loss', patience: 2, minDelta: 0.1 }), new TinyDense([[1]], [0]), [1, 0.95, 0.92, 0.2])).toBe(2);
    // 'acc' monitors are maximised in auto mode.
    const es = earlyStopping({ monitor: 'acc', patience: 1 });
    const m = new TinyDense([[1]], [0]);
    es.setModel?.(m);
    es.onTrainBegin?.();
    [0.5, 0.6, 0.55].forEach((v, e) => es.onEpochEnd?.(e, { acc: v }));
    expect([m.stopTraining, es.bestEpoch, es.stoppedEpoch]).toEqual([true, 1, 2]);
  });

  it('a missing monitor is an error naming the logs there are', () => {
    const es = earlyStopping();
    es.setModel?.(new TinyDense([[1]], [0]));
    expect(() => es.onEpochEnd?.(0, { loss: 1, acc: 0.5 })).toThrow("earlyStopping: monitor 'val_loss' is not in the epoch logs (have loss, acc)");
  });
});

describe('reduceLROnPlateau (Keras counting)', () => {
  it('reduces after `patience` flat epochs, never below minLr, and waits `cooldown` epochs', () => {
    const m = new TinyDense([[1]], [0]);
    m.optimizer = sgd({ learningRate: 1 });
    const cb = reduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, cooldown: 2, minLr: 0.2 });
    drive(cb, m, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Epoch 0 sets best; 1, 2 flat -> reduce at 2. Keras decrements the cooldown before it checks it, so cooldown 2
    // skips one epoch (3); 4, 5 -> reduce at 5; skip 6; 7, 8 -> 8 (to minLr); 9, 10 would reduce but lr is at minLr.
    expect(cb.reductions).toEqual([{ epoch: 2, from: 1, to: 0.5 }, { epoch: 5, from: 0.5, to: 0.25 }, { epoch: 8, from: 0.25, to: 0.2 }]);
    expect((m.optimizer as ReturnType<typeof sgd>).getLearningRate()).toBe(0.2);
  });

  it('a missing monitor is warned about once, and nothing changes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const m = new TinyDense([[1]], [0]);
    m.optimizer = sgd({ learningRate: 1 });
    drive(reduceLROnPlateau({ patience: 0 }), m, [1, 2, 3]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe("reduceLROnPlateau: monitor 'val_loss' is not in the epoch logs (have loss); the learning rate stays as it is");
    warn.mockRestore();
  });
});

describe('gradient norms in onBatchEnd', () => {
  const data = () => {
    const x = tf.randomNormal([12, 4, 2], 0, 1, 'float32', 11);
    const y = tf.randomNormal([12, 1], 0, 1, 'float32', 12);
    return { x, y };
  };

  it('are the norms of the very gradients of the batch (checked against tf.grads at the same weights), per weight and per layer', async () => {
    const { x, y } = data();
    const model = new TinyRnn(4, 2, 3);
    // The expected gradients of the first (whole-data) batch, at the initial weights.
    const expected = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.mean(tf.squaredDifference(model.forward([x], { training: true })[0], y)) as tf.Scalar, model.weights.map((w) => w.value));
      return model.weights.map((w) => tf.norm(grads[w.value.name]).dataSync()[0]);
    });
    const seen: BatchEndLogs[] = [];
    const cb: Callback = { requires: { gradientNorms: true }, onBatchEnd: (_b, logs) => void seen.push(logs) };
    const compiled = compileModel(model, { optimizer: sgd({ learningRate: 0.1, clipnorm: 1e-3 }), loss: 'mse' });
    await fitModel(model, compiled, x, y, { epochs: 2, batchSize: 12, shuffle: false, verbose: 0, callbacks: [cb] });
    expect(seen).toHaveLength(2);
    const first = seen[0];
    model.weights.forEach((w, i) => expect(first.gradientNorms![w.name]).toBeCloseTo(expected[i], 5));
    const layer = (names: string[]) => Math.sqrt(names.reduce((a, n) => a + first.gradientNorms![n] ** 2, 0));
    expect(first.layerGradNorms!.rnn).toBeCloseTo(layer(['rnn/kernel', 'rnn/recurrent_kernel']), 6);
    expect(first.layerGradNorms!.head).toBeCloseTo(layer(['head/kernel', 'head/bias']), 6);
    expect(first.gradNorm!).toBeCloseTo(Math.sqrt(expected.reduce((a, v) => a + v * v, 0)), 5);
    // The pre-clip norm: clipnorm 1e-3 clipped what the optimizer applied, not what the callback sees.
    expect(first.gradNorm!).toBeGreaterThan(1e-2);
    model.dispose();
  });

  it('are absent, and cost nothing, when no callback asks', async () => {
    const { x, y } = data();
    const model = new TinyRnn(4, 2, 3);
    const seen: BatchEndLogs[] = [];
    const compiled = compileModel(model, { optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    await fitModel(model, compiled, x, y, { epochs: 1, batchSize: 5, verbose: 0, callbacks: [{ onBatchEnd: (_b, l) => void seen.push(l) }] });
    expect(seen.map((l) => [l.size, 'gradNorm' in l, 'gradientNorms' in l])).toEqual([[5, false, false], [5, false, false], [2, false, false]]);
    model.dispose();
  });
});

describe('modelCheckpoint paths', () => {
  it('fills {epoch} (1-based) and log keys with Keras-style formats', () => {
    expect(checkpointPath('file:///tmp/m-{epoch:02d}-{val_loss:.3f}', 4, { val_loss: 0.123456 })).toBe('file:///tmp/m-05-0.123');
    expect(checkpointPath('indexeddb://m{epoch}', 0, {})).toBe('indexeddb://m1');
    expect(() => checkpointPath('file:///tmp/{val_acc}', 0, { loss: 1 })).toThrow("modelCheckpoint: filepath names '{val_acc}', which is not in the epoch logs (have epoch, loss)");
  });
});
