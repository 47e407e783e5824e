import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import { layers } from '../layers/index.js';
import type { RecurrentCell } from './builtin-cell.js';

beforeAll(async () => {
  await useBackend('cpu', { log: () => {} });
});
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('cells and layers.rnn', () => {
  for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
    it(`rnn({cell: ${cell}Cell}) equals layers.${cell} with the same weights, masked and backwards`, () => {
      const x = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 8);
      const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]);
      const cellLayer = layers[`${cell}Cell`]({ units: 3 });
      const viaCell = layers.rnn({ cell: cellLayer, returnSequences: true, goBackwards: true });
      const fused = layers[cell]({ units: 3, returnSequences: true, goBackwards: true });
      (viaCell.apply(x, { mask }) as tf.Tensor).dispose();
      (fused.apply(x, { mask }) as tf.Tensor).dispose();
      fused.setWeights(viaCell.getWeights());
      expect(maxDiff(viaCell.apply(x, { mask }) as tf.Tensor, fused.apply(x, { mask }) as tf.Tensor)).toBeLessThan(1e-5);
    });
  }

  it('a cell alone computes one step: lstmCell.apply(x, {initialState}) returns [output, h, c]', () => {
    const c = layers.lstmCell({ units: 2 });
    const out = c.apply(tf.ones([4, 3])) as tf.Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[4, 2], [4, 2], [4, 2]]);
  });

  it('stacked cells equal two stacked layers', () => {
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 2);
    const a = layers.gruCell({ units: 4 });
    const b = layers.lstmCell({ units: 2 });
    const stacked = layers.rnn({ cell: [a, b] });
    (stacked.apply(x) as tf.Tensor).dispose();
    const l1 = layers.gru({ units: 4, returnSequences: true });
    const l2 = layers.lstm({ units: 2 });
    (l2.apply(l1.apply(x) as tf.Tensor) as tf.Tensor).dispose();
    l1.setWeights(a.getWeights());
    l2.setWeights(b.getWeights());
    expect(maxDiff(stacked.apply(x) as tf.Tensor, l2.apply(l1.apply(x) as tf.Tensor) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('a user-defined cell (a leaky accumulator) runs over time and returns its state', () => {
    const leaky: RecurrentCell = {
      stateSize: [3],
      step: (inputs, [h]) => {
        const next = tf.add(tf.mul(h, 0.5), inputs) as tf.Tensor2D;
        return { output: next, states: [next] };
      },
    };
    const [out, state] = layers.rnn({ cell: leaky, returnState: true }).apply(tf.ones([1, 3, 3])) as tf.Tensor[];
    expect(Array.from(out.dataSync())).toEqual([1.75, 1.75, 1.75]);
    expect(Array.from(state.dataSync())).toEqual([1.75, 1.75, 1.75]);
  });

  it('rejects something that is not a cell', () => {
    expect(() => layers.rnn({ cell: {} as never })).toThrow('rnn: cell must be a cell');
  });
});
