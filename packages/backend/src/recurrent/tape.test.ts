import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { useBackend } from '../registry/use-backend.js';
import { isRecordingGradients } from './tape.js';

beforeAll(async () => {
  await useBackend('cpu', { log: false });
});

describe('isRecordingGradients', () => {
  it('is false outside a tape, true under tf.grad, and false inside a custom gradient\'s forward body', () => {
    const seen: Record<string, boolean> = { outside: isRecordingGradients() };
    const inner = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const x = all[0] as tf.Tensor;
      seen.customGradBody = isRecordingGradients();
      return { value: tf.mul(x, 2), gradFunc: (dy: tf.Tensor) => [tf.mul(dy, 2)] };
    }) as (x: tf.Tensor) => tf.Tensor;
    const g = tf.grad((x: tf.Tensor) => {
      seen.underGrad = isRecordingGradients();
      return tf.sum(inner(x));
    })(tf.tensor1d([1, 2]));
    expect(g.arraySync()).toEqual([2, 2]);
    g.dispose();
    expect(seen).toEqual({ outside: false, underGrad: true, customGradBody: false });
  });
});
