// Gate saturation of one recurrent layer on a probe batch: the gate activations recomputed from the layer's weights
// (getWeights, Keras layout), with the state advanced by @rnnkit/backend's rnnCellStep so the semantics match.
import { activation, rnnCellStep, tf, type ActivationName, type CellKind } from '@rnnkit/backend';
import type { GateStats } from '../evidence.js';

export interface GateProbeArgs {
  layer: string;
  cell: CellKind;
  /** [kernel, recurrentKernel, bias?] in Keras layout. */
  weights: tf.Tensor[];
  /** The layer's input [B, T, F]. */
  inputs: tf.Tensor;
  /** [B, T]: 1 real step, 0 padding; padded steps are not counted. */
  mask?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter?: boolean;
  /** Distance to a limit that counts as saturated. Default 0.02 (sigmoid < 0.02 or > 0.98; tanh |x| > 0.96). */
  margin?: number;
}

const BOUNDED = new Set(['sigmoid', 'tanh', 'hardSigmoid']);
const GATE_NAMES: Record<CellKind, string[]> = { lstm: ['i', 'f', 'c', 'o'], gru: ['z', 'r'], simpleRNN: ['h'] };

/** Counts of saturated activations per gate, over every real step of the probe batch. */
export function gateStats(a: GateProbeArgs): GateStats[] {
  const [kernel, recurrentKernel, bias] = a.weights;
  const units = recurrentKernel.shape[0];
  const names = GATE_NAMES[a.cell];
  const acts = a.cell === 'lstm' ? [a.recurrentActivation, a.recurrentActivation, a.activation, a.recurrentActivation]
    : a.cell === 'gru' ? [a.recurrentActivation, a.recurrentActivation] : [a.activation];
  const kinds = acts.map((n, i) => n ?? (a.cell === 'simpleRNN' || (a.cell === 'lstm' && i === 2) ? 'tanh' : 'sigmoid'));
  const margin = a.margin ?? 0.02;
  const resetAfter = a.resetAfter ?? true;
  const [B, T] = a.inputs.shape;
  // Counts accumulate as tensors and are read once at the end: one sync, not one per step.
  const lo = kinds.map((k) => (k === 'tanh' ? -1 : 0));
  let low = tf.zeros([names.length]);
  let high = tf.zeros([names.length]);
  let real: tf.Tensor = tf.scalar(0);
  let states: tf.Tensor2D[] = a.cell === 'lstm' ? [tf.zeros([B, units]), tf.zeros([B, units])] : [tf.zeros([B, units])];
  for (let t = 0; t < T; t++) {
    const next = tf.tidy(() => {
      const x = tf.reshape(tf.slice(a.inputs, [0, t, 0], [B, 1, -1]), [B, -1]) as tf.Tensor2D;
      const inBias = bias ? (a.cell === 'gru' && resetAfter ? tf.reshape(tf.slice(bias, [0, 0], [1, -1]), [-1]) : bias) : undefined;
      const recBias = bias && a.cell === 'gru' && resetAfter ? tf.reshape(tf.slice(bias, [1, 0], [1, -1]), [-1]) : undefined;
      let z = tf.matMul(x, kernel as tf.Tensor2D) as tf.Tensor;
      if (inBias) z = tf.add(z, inBias);
      let r = tf.matMul(states[0], recurrentKernel as tf.Tensor2D) as tf.Tensor;
      if (recBias) r = tf.add(r, recBias);
      const pre = tf.add(z, r);
      const m = a.mask ? tf.reshape(tf.slice(tf.cast(a.mask, 'float32'), [0, t], [B, 1]), [B, 1]) : tf.ones([B, 1]);
      const lows: tf.Tensor[] = [];
      const highs: tf.Tensor[] = [];
      names.forEach((_, g) => {
        const v = activation(kinds[g] as ActivationName)(tf.slice(pre, [0, g * units], [B, units]));
        lows.push(tf.sum(tf.mul(tf.cast(tf.lessEqual(v, lo[g] + margin * (1 - lo[g])), 'float32'), m)));
        highs.push(tf.sum(tf.mul(tf.cast(tf.greaterEqual(v, 1 - margin * (1 - lo[g])), 'float32'), m)));
      });
      const states2 = rnnCellStep({ cell: a.cell, inputs: x, states, kernel: kernel as tf.Tensor2D, recurrentKernel: recurrentKernel as tf.Tensor2D, bias,
        activation: a.activation, recurrentActivation: a.cell === 'simpleRNN' ? undefined : a.recurrentActivation, resetAfter: a.cell === 'gru' ? resetAfter : undefined }).states;
      return { low: tf.add(low, tf.stack(lows)), high: tf.add(high, tf.stack(highs)), real: tf.add(real, tf.mul(tf.sum(m), units)), states: states2 };
    });
    tf.dispose([low, high, real, ...states]);
    ({ low, high, real } = next);
    states = next.states;
  }
  const lowV = low.dataSync();
  const highV = high.dataSync();
  const count = real.dataSync()[0];
  tf.dispose([low, high, real, ...states]);
  // Only bounded activations saturate; relu and friends are left out.
  return names.map((gate, g) => ({
    layer: a.layer, gate, activation: kinds[g] as GateStats['activation'],
    lowFraction: count ? lowV[g] / count : 0, highFraction: count ? highV[g] / count : 0, count,
  })).filter((s) => BOUNDED.has(s.activation));
}
