import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { layers } from './index.js';
import { sequential } from '../index.js';

const B = 3, T = 6, F = 4, U = 5;
const rnd = (n: number, seed: number, scale = 0.5) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => (((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1) * scale);
};
const close = (a: tf.Tensor, b: tf.Tensor, tol = 1e-5) => {
  expect(a.shape).toEqual(b.shape);
  const d = Math.max(...Array.from(tf.abs(tf.sub(a, b)).dataSync()));
  expect(d).toBeLessThan(tol);
};

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});

type Cell = 'lstm' | 'gru' | 'simpleRNN';
const ours = { lstm: layers.lstm, gru: layers.gru, simpleRNN: layers.simpleRNN };
const theirs = { lstm: tfl.layers.lstm, gru: tfl.layers.gru, simpleRNN: tfl.layers.simpleRNN };

describe('recurrent layers equal tfjs-layers for the same weights', () => {
  const configs = [
    { returnSequences: false },
    { returnSequences: true },
    { returnSequences: true, goBackwards: true },
    { returnSequences: false, goBackwards: true },
  ];
  for (const cell of ['lstm', 'gru', 'simpleRNN'] as Cell[]) {
    for (const cfg of configs) {
      it(`${cell} ${JSON.stringify(cfg)}`, () => {
        const x = tf.tensor3d(rnd(B * T * F, 7), [B, T, F]);
        // tfjs-layers' GRU only has resetAfter false (Keras 1 placement); rnnkit defaults to Keras 3's true.
        const mine = ours[cell]({ units: U, ...cfg, ...(cell === 'gru' ? { resetAfter: false } : {}) });
        const ref = theirs[cell]({ units: U, ...cfg, ...(cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' }) } as never) as tfl.layers.Layer;
        (ref.apply(x) as tf.Tensor).dispose();
        (mine.apply(x) as tf.Tensor).dispose();
        mine.setWeights(ref.getWeights() as tf.Tensor[]);
        const before = tf.memory().numTensors;
        const a = mine.apply(x) as tf.Tensor;
        expect(tf.memory().numTensors).toBe(before + 1);
        const b = ref.apply(x) as tf.Tensor;
        close(a, b);
        tf.dispose([a, b]);
      });
    }
  }
});

describe('masks', () => {
  it('right-padded sequences with embedding(maskZero) give the same final state as the unpadded ones', () => {
    for (const cell of ['lstm', 'gru', 'simpleRNN'] as Cell[]) {
      const model = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 3, maskZero: true, inputShape: [null as unknown as number] }), ours[cell]({ units: 4 })] });
      const padded = tf.tensor2d([[3, 5, 2, 0, 0], [4, 1, 0, 0, 0]], [2, 5], 'int32');
      const a = model.apply(padded);
      const b0 = model.apply(tf.tensor2d([[3, 5, 2]], [1, 3], 'int32'));
      const b1 = model.apply(tf.tensor2d([[4, 1]], [1, 2], 'int32'));
      close(tf.slice(a, [0, 0], [1, 4]), b0);
      close(tf.slice(a, [1, 0], [1, 4]), b1);
    }
  });

  it('goBackwards and bidirectional: right-padded (masked) equals unpadded', () => {
    for (const make of [() => layers.gru({ units: 3, goBackwards: true }), () => layers.bidirectional({ layer: layers.lstm({ units: 3 }) })]) {
      const model = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 2, maskZero: true, inputShape: [null as unknown as number] }), make()] });
      const padded = model.apply(tf.tensor2d([[3, 5, 2, 0, 0]], [1, 5], 'int32'));
      const plain = model.apply(tf.tensor2d([[3, 5, 2]], [1, 3], 'int32'));
      close(padded, plain);
    }
  });

  it('masking + goBackwards matches tfjs-layers (previous output at masked steps)', () => {
    const x = tf.mul(tf.tensor3d(rnd(B * T * F, 3), [B, T, F]), tf.tensor3d(Array.from({ length: B * T * F }, (_, i) => (Math.floor(i / F) % T >= 4 && i >= T * F ? 0 : 1)), [B, T, F])) as tf.Tensor3D;
    const mine = sequential({ layers: [layers.masking({ inputShape: [T, F] }), layers.lstm({ units: U, returnSequences: true, goBackwards: true })] });
    const ref = tfl.sequential({ layers: [tfl.layers.masking({ inputShape: [T, F] }), tfl.layers.lstm({ units: U, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid' })] });
    mine.setWeights(ref.getWeights() as tf.Tensor[]);
    close(mine.apply(x), ref.predict(x) as tf.Tensor);
  });
});

describe('bidirectional', () => {
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
    it(`equals tfjs-layers with mergeMode ${mergeMode}`, () => {
      const x = tf.tensor3d(rnd(B * T * F, 11), [B, T, F]);
      const mine = layers.bidirectional({ layer: layers.gru({ units: U, returnSequences: true, resetAfter: false }), mergeMode });
      const ref = tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: U, returnSequences: true, recurrentActivation: 'sigmoid' }) as never, mergeMode });
      (ref.apply(x) as tf.Tensor).dispose();
      (mine.apply(x) as tf.Tensor).dispose();
      mine.setWeights(ref.getWeights() as tf.Tensor[]);
      close(mine.apply(x) as tf.Tensor, ref.apply(x) as tf.Tensor);
    });
  }

  it('mergeMode null returns [forward, backward]; returnState appends both directions\' states', () => {
    const x = tf.tensor3d(rnd(B * T * F, 12), [B, T, F]);
    const bi = layers.bidirectional({ layer: layers.lstm({ units: U, returnState: true }), mergeMode: null });
    const out = bi.apply(x) as tf.Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[B, U], [B, U], [B, U], [B, U], [B, U], [B, U]]);
  });
});

describe('returnState, stateful, weights', () => {
  it('lstm returnState returns [output, h, c] with output == h', () => {
    const out = layers.lstm({ units: U, returnState: true }).apply(tf.tensor3d(rnd(B * T * F, 1), [B, T, F])) as tf.Tensor[];
    expect(out).toHaveLength(3);
    close(out[0], out[1], 1e-12);
  });

  it('stateful carries the final state into the next call until resetStates', () => {
    const l = layers.gru({ units: U, stateful: true });
    const x = tf.tensor3d(rnd(B * T * F, 2), [B, T, F]);
    const first = l.apply(x) as tf.Tensor;
    const second = l.apply(x) as tf.Tensor;
    expect(Math.max(...Array.from(tf.abs(tf.sub(first, second)).dataSync()))).toBeGreaterThan(1e-4);
    l.resetStates();
    close(l.apply(x) as tf.Tensor, first);
  });

  it('weights are in Keras layout: LSTM [kernel F x 4U, recurrent U x 4U, bias 4U] with forget bias 1', () => {
    const l = layers.lstm({ units: U });
    (l.apply(tf.zeros([1, 2, F])) as tf.Tensor).dispose();
    const [k, r, b] = l.getWeights();
    expect([k.shape, r.shape, b.shape]).toEqual([[F, 4 * U], [U, 4 * U], [4 * U]]);
    expect(Array.from(b.dataSync())).toEqual([...Array(U).fill(0), ...Array(U).fill(1), ...Array(2 * U).fill(0)]);
    const g = layers.gru({ units: U });
    (g.apply(tf.zeros([1, 2, F])) as tf.Tensor).dispose();
    expect(g.getWeights().map((w) => w.shape)).toEqual([[F, 3 * U], [U, 3 * U], [2, 3 * U]]);
  });
});

describe('errors', () => {
  it('an LSTM given a 2D tensor names the layer and the shape', () => {
    const l = layers.lstm({ units: 2, name: 'my_lstm' });
    expect(() => l.apply(tf.zeros([4, 3]))).toThrow('my_lstm: expected input shape [batch, time, features] with known features, got [4, 3]');
  });
  it('a wrong feature size names both shapes', () => {
    const l = layers.gru({ units: 2, name: 'g' });
    (l.apply(tf.zeros([1, 2, 3])) as tf.Tensor).dispose();
    expect(() => l.apply(tf.zeros([1, 2, 5]))).toThrow('g: expected input shape [null, null, 3], got [1, 2, 5]');
  });
  it('NaN in an input names the layer, the position and the shape', () => {
    const l = layers.lstm({ units: 2, name: 'nan_lstm' });
    expect(() => l.apply(tf.tensor3d([0, 1, NaN, 2], [1, 2, 2]))).toThrow('nan_lstm: input contains NaN at flat index 2 (input shape [1, 2, 2])');
  });
  it('an unknown config key suggests the closest name', () => {
    expect(() => layers.lstm({ units: 2, returnSequence: true } as never)).toThrow("lstm: unknown config key 'returnSequence' (did you mean 'returnSequences'?)");
  });
  it('setWeights with a wrong shape names the weight', () => {
    const l = layers.simpleRNN({ units: 2, name: 's' });
    (l.apply(tf.zeros([1, 2, 3])) as tf.Tensor).dispose();
    expect(() => l.setWeights([tf.zeros([3, 2]), tf.zeros([2, 3]), tf.zeros([2])])).toThrow('s.setWeights: weight 1 (s/recurrent_kernel) expects shape [2, 2], got [2, 3]');
  });
});

describe('on the reference kernel (fast kernels off)', () => {
  it('lstm/gru + dense train and predict when the kernel returns the last output and h as one tensor', async () => {
    const { setFastKernelsEnabled } = await import('@rnnkit/backend');
    setFastKernelsEnabled(false);
    try {
      for (const cell of ['lstm', 'gru', 'simpleRNN'] as Cell[]) {
        const m = sequential({ layers: [ours[cell]({ units: 3, inputShape: [4, 2] }), layers.dense({ units: 1 })] });
        m.compile({ optimizer: 'sgd', loss: 'mse' });
        const x = tf.randomNormal([5, 4, 2]);
        const y = tf.randomNormal([5, 1]);
        await m.fit(x, y, { epochs: 1, verbose: 0 });
        const bi = layers.bidirectional({ layer: ours[cell]({ units: 2 }) });
        (bi.apply(x) as tf.Tensor).dispose(); // builds its weights
        const before = tf.memory().numTensors;
        m.predict(x).dispose();
        const out = bi.apply(x) as tf.Tensor;
        expect(out.shape).toEqual([5, 4]);
        out.dispose();
        expect(tf.memory().numTensors).toBe(before);
      }
    } finally {
      setFastKernelsEnabled(true);
    }
  });
});
