// Weight initializers with Keras names and formulas; seedable so a model can be rebuilt identically.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';
import { orthogonal } from './orthogonal.js';

export type InitializerName = 'zeros' | 'ones' | 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'orthogonal' | 'randomNormal' | 'randomUniform';
export type Initializer = (shape: number[], seed?: number) => tf.Tensor;
export type InitializerSpec = InitializerName | Initializer;

function fans(shape: number[]): [number, number] {
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

const table: Record<InitializerName, Initializer> = {
  zeros: (s) => tf.zeros(s),
  ones: (s) => tf.ones(s),
  glorotUniform: (s, seed) => {
    const [i, o] = fans(s);
    const lim = Math.sqrt(6 / (i + o));
    return tf.randomUniform(s, -lim, lim, 'float32', seed);
  },
  glorotNormal: (s, seed) => {
    const [i, o] = fans(s);
    return tf.truncatedNormal(s, 0, Math.sqrt(2 / (i + o)), 'float32', seed);
  },
  heNormal: (s, seed) => tf.truncatedNormal(s, 0, Math.sqrt(2 / fans(s)[0]), 'float32', seed),
  heUniform: (s, seed) => {
    const lim = Math.sqrt(6 / fans(s)[0]);
    return tf.randomUniform(s, -lim, lim, 'float32', seed);
  },
  orthogonal,
  randomNormal: (s, seed) => tf.randomNormal(s, 0, 0.05, 'float32', seed),
  randomUniform: (s, seed) => tf.randomUniform(s, -0.05, 0.05, 'float32', seed),
};

export function getInitializer(spec: InitializerSpec, argument: string): Initializer {
  if (typeof spec === 'function') return spec;
  const init = table[spec];
  if (!init) throw new ConfigError(`${argument}: unknown initializer '${String(spec)}' (expected one of ${Object.keys(table).join(', ')})`);
  return init;
}
