// Float64 activations in plain JavaScript, independent of tfjs: the oracle the kernels are held to.
import type { ActivationName } from '../recurrent/types.js';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => (x > 30 ? x : Math.log1p(Math.exp(x)));

/** erf to double precision: Taylor series near 0, a continued fraction for erfc further out. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 80; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let k = ax;
  for (let n = 80; n >= 1; n--) k = ax + n / 2 / k;
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * k);
  return Math.sign(x) * (1 - erfc);
}

export const PLAIN_ACTIVATIONS: Record<ActivationName, (x: number) => number> = {
  tanh: Math.tanh,
  sigmoid,
  hardSigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)),
  relu: (x) => Math.max(0, x),
  relu6: (x) => Math.min(6, Math.max(0, x)),
  linear: (x) => x,
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  softsign: (x) => x / (1 + Math.abs(x)),
  softplus,
  swish: (x) => x * sigmoid(x),
  mish: (x) => x * Math.tanh(softplus(x)),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
};
