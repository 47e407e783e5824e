// One optimisation step on one batch: forward with training on, weighted loss plus regularisation, gradients of
// every trainable weight (one backward pass), optional gradient norms for callbacks, then the optimizer's update.
import { tf } from '@rnnkit/backend';
import type { ModelCore } from '../engine/contracts.js';
import { InputError } from '../errors.js';
import { outputSpecs, type CompiledModel } from './compile.js';
import { alignTargets } from './target-shapes.js';

export interface StepBatch {
  /** One tensor per model input. */
  x: tf.Tensor[];
  /** One tensor per model output. */
  y: tf.Tensor[];
  /** [batch, time] mask of the first input (padded steps 0). */
  mask?: tf.Tensor | null;
  /** Per-sample loss weights [batch] (sampleWeight times classWeight). */
  weights?: tf.Tensor1D | null;
}

export interface StepResult {
  /** Total loss of the batch: the outputs' weighted mean losses summed, plus regularisation. */
  loss: number;
  /** Per-output losses (multi-output models only, `<output>_loss`) and metrics, by log name. */
  metrics: Record<string, number>;
  gradNorm?: number;
  gradientNorms?: Record<string, number>;
  layerGradNorms?: Record<string, number>;
}

export interface BatchTerms {
  /** The data loss: each output's weighted mean loss, summed. */
  total: tf.Scalar;
  /** `<output>_loss` (multi-output only) and each metric's batch mean, by log name. */
  named: Record<string, tf.Scalar>;
}

/**
 * Each output's loss, weighted as Keras does (sum(loss * w) / batch size), summed over outputs; metrics unweighted.
 * `fn` names the caller in errors ("fit", "evaluate").
 */
export function batchTerms(fn: string, model: Pick<ModelCore, 'outputNames'>, compiled: CompiledModel, ys: tf.Tensor[], preds: tf.Tensor[], weights?: tf.Tensor1D | null): BatchTerms {
  const specs = outputSpecs(compiled, model.outputNames);
  if (ys.length !== preds.length) throw new InputError(`${fn}: the model has ${preds.length} output(s) (${model.outputNames.join(', ')}) but ${ys.length} target tensor(s) were given`);
  const named: Record<string, tf.Scalar> = {};
  const parts = preds.map((p, i) => {
    const s = specs[i];
    const y = alignTargets(`${fn}: ${ys.length === 1 ? 'y' : `y[${i}]`}`, model.outputNames[i], s.loss.name, ys[i], p);
    const per = s.loss.fn(y, p);
    const loss = (weights ? tf.div(tf.sum(tf.mul(per, weights)), per.shape[0]) : tf.mean(per)) as tf.Scalar;
    if (specs.length > 1) named[`${s.prefix}loss`] = loss;
    for (const m of s.metrics) named[`${s.prefix}${m.name}`] = tf.mean(m.fn(y, p)) as tf.Scalar;
    return loss;
  });
  return { total: (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Scalar, named };
}

/** Global, per-weight and per-layer (the weight name's first segment) L2 norms of one step's gradients. */
function gradientNorms(model: ModelCore, grads: tf.NamedTensorMap) {
  const weights = model.trainableWeights;
  // A weight the loss does not reach has no gradient: its norm is 0 (worth seeing, not an error).
  const norms = tf.tidy(() => tf.stack(weights.map((w) => (grads[w.value.name] ? tf.norm(grads[w.value.name]) : tf.scalar(0)))).dataSync());
  const gradientNorms: Record<string, number> = {};
  const layerSq: Record<string, number> = {};
  weights.forEach((w, i) => {
    gradientNorms[w.name] = norms[i];
    const cut = w.name.indexOf('/');
    const layer = cut > 0 ? w.name.slice(0, cut) : w.name;
    layerSq[layer] = (layerSq[layer] ?? 0) + norms[i] * norms[i];
  });
  const layerGradNorms = Object.fromEntries(Object.entries(layerSq).map(([k, v]) => [k, Math.sqrt(v)]));
  return { gradNorm: Math.sqrt(Array.from(norms).reduce((a, v) => a + v * v, 0)), gradientNorms, layerGradNorms };
}

/** One step; `fn` names the caller in errors. Gradient norms are read only when `wantNorms`. */
export function trainStep(model: ModelCore, compiled: CompiledModel, b: StepBatch, wantNorms: boolean, fn = 'fit'): StepResult {
  const vars = model.trainableWeights.map((w) => w.value);
  const kept: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    const preds = model.forward(b.x, { training: true, masks: [b.mask ?? null] });
    const { total, named } = batchTerms(fn, model, compiled, b.y, preds, b.weights);
    for (const [k, v] of Object.entries(named)) kept[k] = tf.keep(v);
    const reg = model.regularizationLosses();
    return reg.length ? (tf.add(total, tf.addN(reg)) as tf.Scalar) : total;
  }, vars);
  try {
    const norms = wantNorms ? gradientNorms(model, grads) : undefined;
    compiled.optimizer.applyGradients(grads);
    const loss = value.dataSync()[0];
    const metrics = Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, v.dataSync()[0]]));
    return { loss, metrics, ...norms };
  } finally {
    tf.dispose([value, ...Object.values(grads), ...Object.values(kept)]);
  }
}
