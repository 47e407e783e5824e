import { describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';
import { PLAIN_ACTIVATIONS } from '../testing/plain-activations.js';
import { activation, ACTIVATION_NAMES } from './activations.js';

const xs = [-7, -2.5, -1, -0.3, 0, 0.2, 1, 2.5, 4, 7];

describe('activation', () => {
  it.each(ACTIVATION_NAMES)('%s matches its tfjs-layers definition', (name) => {
    const got = tf.tidy(() => Array.from(activation(name)(tf.tensor1d(xs)).dataSync()));
    got.forEach((v, i) => expect(v).toBeCloseTo(PLAIN_ACTIVATIONS[name](xs[i]), 5));
  });

  it('uses the documented constants for hardSigmoid and relu6', () => {
    const got = tf.tidy(() => [
      Array.from(activation('hardSigmoid')(tf.tensor1d([-3, -1, 0, 1, 3])).dataSync()),
      Array.from(activation('relu6')(tf.tensor1d([-1, 3, 9])).dataSync()),
    ]);
    expect(got[0].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 0.3, 0.5, 0.7, 1]);
    expect(got[1]).toEqual([0, 3, 6]);
  });

  it('rejects an unknown name, listing the valid ones', () => {
    expect(() => activation('leakyRelu' as never)).toThrow(ValueError);
    expect(() => activation('leakyRelu' as never)).toThrow(
      'activation: name must be one of tanh, sigmoid, hardSigmoid, relu, relu6, linear, elu, selu, softsign, softplus, swish, mish, gelu, got "leakyRelu"',
    );
  });
});
