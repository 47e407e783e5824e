import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { gateStats } from './gate-stats.js';

describe('gateStats', () => {
  it('counts a tanh SimpleRNN driven by large inputs as saturated at both ends, only on real steps', () => {
    const before = tf.memory().numTensors;
    const inputs = tf.tensor3d([[[1], [-1], [1]], [[-1], [-1], [0.001]]]);
    const mask = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
    const weights = [tf.tensor2d([[100]]), tf.tensor2d([[0]]), tf.tensor1d([0])];
    const [h] = gateStats({ layer: 'rnn', cell: 'simpleRNN', weights, inputs, mask });
    expect(h).toEqual({ layer: 'rnn', gate: 'h', activation: 'tanh', lowFraction: 3 / 5, highFraction: 2 / 5, count: 5 });
    const small = tf.tensor2d([[0.01]]);
    const [calm] = gateStats({ layer: 'rnn', cell: 'simpleRNN', weights: [small, weights[1], weights[2]], inputs });
    expect(calm).toMatchObject({ lowFraction: 0, highFraction: 0, count: 6 });
    tf.dispose([inputs, mask, small, ...weights]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads LSTM gates in Keras order i, f, c, o from the bias', () => {
    const U = 2;
    const inputs = tf.zeros([3, 4, 1]);
    // Biases: i very negative (closed), f very positive (open), c 0, o 0.
    const bias = tf.tensor1d([-20, -20, 20, 20, 0, 0, 0, 0]);
    const k = tf.zeros([1, 4 * U]);
    const r = tf.zeros([U, 4 * U]);
    const stats = gateStats({ layer: 'lstm', cell: 'lstm', weights: [k, r, bias], inputs });
    tf.dispose([k, r]);
    expect(stats.map((s) => [s.gate, s.lowFraction, s.highFraction])).toEqual([['i', 1, 0], ['f', 0, 1], ['c', 0, 0], ['o', 0, 0]]);
    expect(stats[0].count).toBe(3 * 4 * U);
    tf.dispose([inputs, bias]);
  });
});
