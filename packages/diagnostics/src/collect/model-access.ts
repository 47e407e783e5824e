// How the recorder reaches into a model through public surfaces only: apply/forward, layers, weights.
import { tf } from '@rnnkit/backend';
import { InvalidEvidenceError, describeValue } from '../errors.js';

export interface LayerHandle {
  name?: string;
  apply?: (x: tf.Tensor) => tf.Tensor | tf.Tensor[];
  getWeights?: () => tf.Tensor[];
  config?: Record<string, unknown>;
  getClassName?: () => string;
  getConfig?: () => Record<string, unknown>;
  className?: string;
}

export interface ModelHandle {
  layers?: LayerHandle[];
  apply?: (x: tf.Tensor) => tf.Tensor | tf.Tensor[];
  forward?: (x: tf.Tensor[], o: { training: boolean }) => tf.Tensor[];
  trainableWeights?: { name: string; value?: tf.Variable; read?: () => tf.Tensor }[];
}

const first = (t: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(t) ? t[0] : t);

export function layerClass(l: LayerHandle): string {
  return typeof l.getClassName === 'function' ? l.getClassName() : l.className ?? (l as { constructor: { name: string } }).constructor.name;
}

/** A differentiable forward from the model's input to its (first) output. */
export function forwardOf(fn: string, model: ModelHandle): (x: tf.Tensor) => tf.Tensor {
  if (typeof model?.apply === 'function') return (x) => first(model.apply!(x));
  if (typeof model?.forward === 'function') return (x) => model.forward!([x], { training: false })[0];
  throw new InvalidEvidenceError(fn, 'model', 'a model with apply(x) or forward([x], options)', describeValue(model));
}

/**
 * Where to measure d loss / d input: integer token inputs have no gradient, so a leading Embedding is run first and
 * the flow is measured at its output (the rest of the layers are applied in order: sequential models only).
 */
export function gradientEntry(fn: string, model: ModelHandle, x: tf.Tensor): { input: tf.Tensor; rest: (h: tf.Tensor) => tf.Tensor } {
  if (x.dtype !== 'int32') return { input: x, rest: forwardOf(fn, model) };
  const layers = model.layers ?? [];
  if (layers.length < 2 || layerClass(layers[0]) !== 'Embedding' || !layers.every((l) => typeof l.apply === 'function')) {
    throw new InvalidEvidenceError(fn, 'probe.x', 'float32 inputs, or int32 token ids into a sequential model that starts with an Embedding', `int32 into layers [${layers.map(layerClass).join(', ')}]`);
  }
  const input = first(layers[0].apply!(x));
  return { input, rest: (h) => layers.slice(1).reduce((a, l) => first(l.apply!(a)), h) };
}

/** The layer a weight belongs to, from Keras-style names ('lstm_1/kernel' -> 'lstm_1'). */
export function layerOfWeight(name: string): string {
  const i = name.indexOf('/');
  return i > 0 ? name.slice(0, i) : name;
}
