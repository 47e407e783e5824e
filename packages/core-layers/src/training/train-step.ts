// One optimisation step on one batch: forward with training on, weighted loss plus regularisation, gradients of
// every trainable weight, optional gradient norms for callbacks, then the optimizer's update.
import { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';
import type { CompiledModel } from './compile.js';

export interface StepBatch {
  /** One tensor per model input. */
  x: tf.Tensor[];
  /** One tensor per model output. */
  y: tf.Tensor[];
  mask?: tf.Tensor | null;
  weights?: tf.Tensor1D | null;
}

export interface StepResult {
  loss: number;
  metrics: Record<string, number>;
  gradNorm?: number;
  gradientNorms?: Record<string, number>;
}

/** Mean of the per-sample loss, weighted (Keras: sum(loss * w) / batch size). */
export function batchLoss(compiled: CompiledModel, y: tf.Tensor, pred: tf.Tensor, weights?: tf.Tensor1D | null): tf.Scalar {
  const per = compiled.loss.fn(y, pred);
  return (weights ? tf.div(tf.sum(tf.mul(per, weights)), per.shape[0]) : tf.mean(per)) as tf.Scalar;
}

/** The data loss of a batch: the weighted mean loss of each output, summed. */
export function sumOutputs(compiled: CompiledModel, ys: tf.Tensor[], preds: tf.Tensor[], weights?: tf.Tensor1D | null): tf.Scalar {
  if (ys.length !== preds.length) throw new Error(`the model has ${preds.length} output(s) but ${ys.length} target tensor(s) were given`);
  const parts = preds.map((p, i) => batchLoss(compiled, ys[i], p, weights));
  return (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Scalar;
}

export function trainStep(model: ModelCore, compiled: CompiledModel, b: StepBatch, wantNorms: boolean): StepResult {
  const vars = model.trainableWeights.map((w) => w.value);
  const metricValues: tf.Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const preds = model.forward(b.x, { training: true, masks: [b.mask ?? null] });
    // Metrics on the first output; the loss is summed over outputs (Keras with one loss for all outputs).
    for (const m of compiled.metrics) metricValues.push(tf.keep(tf.mean(m.fn(b.y[0], preds[0]))));
    const data = sumOutputs(compiled, b.y, preds, b.weights);
    const reg = model.regularizationLosses();
    return reg.length ? (tf.add(data, tf.addN(reg)) as tf.Scalar) : data;
  }, vars);
  let gradNorm: number | undefined;
  let gradientNorms: Record<string, number> | undefined;
  if (wantNorms) {
    const names = model.trainableWeights.map((w) => w.name);
    const norms = tf.tidy(() => tf.stack(vars.map((v) => tf.norm(grads[v.name]))).dataSync());
    gradientNorms = Object.fromEntries(names.map((n, i) => [n, norms[i]]));
    gradNorm = Math.sqrt(Array.from(norms).reduce((a, v) => a + v * v, 0));
  }
  compiled.optimizer.applyGradients(grads);
  const loss = value.dataSync()[0];
  const metrics = Object.fromEntries(compiled.metrics.map((m, i) => [m.name, metricValues[i].dataSync()[0]]));
  tf.dispose([value, ...Object.values(grads), ...metricValues]);
  return { loss, metrics, gradNorm, gradientNorms };
}
