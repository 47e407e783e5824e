// gradientRecorder(): a training callback that records per batch the loss and gradient norms and, every k batches,
// the per-time-step gradient flow on a fixed probe batch (gate saturation is measured once, when evidence() is read).
// Cost: one extra forward+backward of the probe batch every k batches; nothing per batch beyond reading the logs.
import { tf, type ActivationName, type CellKind } from '@rnnkit/backend';
import { InvalidEvidenceError, describeValue } from '../errors.js';
import type { BatchTrace, GateStats, GradientFlowProbe } from '../evidence.js';
import { gateStats } from './gate-stats.js';
import { measureGradientFlow, probeLoss, type ProbeLoss } from './gradient-flow-probe.js';
import { forwardOf, gradientEntry, layerClass, layerOfWeight, type ModelHandle } from './model-access.js';
import { configOf } from './model-summary.js';
import type { RecorderEvidence } from './recorder-evidence.js';
import type { ClipReport } from '@rnnkit/optimizers';

export interface GradientRecorderConfig {
  /** Probe the gradient flow every k batches (and before the first, when the trainer calls onEpochBegin). Default 20. */
  everyKBatches?: number;
  /** A fixed batch to probe: x [B, T, F] (or int32 token ids [B, T] into an Embedding), optional targets and mask. */
  probe?: { x: tf.Tensor; y?: tf.Tensor; mask?: tf.Tensor };
  /** Loss for the probe: a name ('mse', 'binaryCrossentropy', 'sparseCategoricalCrossentropy') or a function. Default 'mse'. */
  loss?: string | ProbeLoss;
  /** Also measure gate saturation of the first recurrent layer (on the probe batch, when evidence() is read). Default true. */
  gates?: boolean;
  /**
   * An @rnnkit/optimizers optimizer: its `lastClipReport` (pre-clip global and per-variable norms, computed at every
   * step anyway) supplies the gradient norms when the trainer's logs carry none, at no extra cost.
   */
  optimizer?: { lastClipReport?: Pick<ClipReport, 'globalNorm' | 'perVariableNorms' | 'clipped'> | null; learningRate?: unknown };
  /** Samples per epoch the trainer should see, to detect dropped samples. */
  datasetSize?: number;
  learningRate?: number;
}

/** The logs a trainer passes to onBatchEnd; the gradient fields are read under several names. */
export interface BatchLogs {
  loss?: number;
  size?: number;
  batchSize?: number;
  gradNorm?: number;
  globalGradNorm?: number;
  gradientNorm?: number;
  layerGradNorms?: Record<string, number>;
  gradientNorms?: Record<string, number>;
  [k: string]: unknown;
}

export class GradientRecorder {
  /** Tells a trainer that supports it to compute gradient norms for onBatchEnd's logs. */
  readonly wantsGradientNorms = true;
  private model: ModelHandle | undefined;
  private epoch = 0;
  private batches = 0;
  private readonly trace: Required<Pick<BatchTrace, 'loss' | 'gradNorm' | 'epoch'>> & { layerGradNorms: Record<string, number[]> };
  private readonly probes: GradientFlowProbe[] = [];
  private gates: GateStats[] | undefined;
  private readonly seen: number[] = [];
  private readonly epochLoss: number[] = [];
  /** Batches whose gradients the optimizer clipped. */
  private clipped = 0;
  private readonly epochValLoss: number[] = [];
  private readonly k: number;
  private readonly loss: ProbeLoss;
  /** Why the probe stopped, when it failed. */
  probeError: string | undefined;
  /** Milliseconds spent in probes, so the overhead is visible. */
  probeMs = 0;

  constructor(private readonly config: GradientRecorderConfig = {}) {
    const k = config.everyKBatches ?? 20;
    if (!Number.isInteger(k) || k < 1) throw new InvalidEvidenceError('gradientRecorder', 'everyKBatches', 'a positive integer', describeValue(k));
    const x = config.probe?.x;
    if (x !== undefined && !(x instanceof tf.Tensor && (x.rank === 3 || (x.rank === 2 && x.dtype === 'int32')))) {
      throw new InvalidEvidenceError('gradientRecorder', 'probe.x', 'a [batch, time, features] float tensor or [batch, time] int32 token ids', x instanceof tf.Tensor ? `shape [${x.shape.join(', ')}] ${x.dtype}` : describeValue(x));
    }
    this.k = k;
    this.loss = probeLoss(config.loss);
    this.trace = { loss: [], gradNorm: [], epoch: [], layerGradNorms: {} };
  }

  setModel(model: unknown): void {
    this.model = model as ModelHandle;
  }

  /** Keras hooks the recorder does not need; present so any trainer can call every hook. */
  setParams(_params: unknown): void {}
  onTrainBegin(_logs?: unknown): void {}
  onTrainEnd(_logs?: unknown): void {}
  onBatchBegin(_batch: number, _logs?: unknown): void {}

  /** Keeps the epoch's loss and val_loss, so diagnose() has the history without being given it. */
  onEpochEnd(epoch: number, logs: Record<string, unknown> = {}): void {
    const loss = logs.loss;
    const val = logs.val_loss ?? logs.valLoss;
    if (typeof loss === 'number') this.epochLoss[epoch] = loss;
    if (typeof val === 'number') this.epochValLoss[epoch] = val;
  }

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.seen[epoch] ??= 0;
    // The profile at initialisation, before any update: a model can blow up in its first step. Only on a model
    // whose layers are built: a first forward inside the probe's tidy would build (and lose) lazily made weights.
    const built = (this.model?.layers ?? []).every((l) => (l as { built?: boolean }).built !== false);
    if (this.batches === 0 && this.probes.length === 0 && built) this.probe();
  }

  onBatchEnd(_batch: number, logs: BatchLogs = {}): void {
    let gn = logs.gradNorm ?? logs.globalGradNorm ?? logs.gradientNorm;
    // core-layers' logs carry `gradientNorms` per weight ('lstm/kernel'); they are summed per layer here.
    let layers = logs.layerGradNorms ?? (logs.gradientNorms ? normsByLayer(logs.gradientNorms) : undefined);
    const report = this.config.optimizer?.lastClipReport;
    if (gn === undefined && report) {
      gn = report.globalNorm;
      if (!layers && report.perVariableNorms) layers = normsByLayer(report.perVariableNorms);
      if (report.clipped) this.clipped++;
    }
    this.record({ loss: Number(logs.loss), gradNorm: typeof gn === 'number' ? gn : undefined, layerGradNorms: layers, size: logs.size ?? logs.batchSize });
  }

  /** For hand-written loops: one batch's numbers. */
  record(b: { loss: number; gradNorm?: number; layerGradNorms?: Record<string, number>; size?: number }): void {
    const i = this.trace.loss.length;
    this.trace.loss.push(b.loss);
    this.trace.epoch.push(this.epoch);
    this.trace.gradNorm.push(b.gradNorm ?? NaN);
    for (const [name, v] of Object.entries(b.layerGradNorms ?? {})) {
      (this.trace.layerGradNorms[name] ??= new Array<number>(i).fill(NaN)).push(v);
    }
    for (const arr of Object.values(this.trace.layerGradNorms)) if (arr.length === i) arr.push(NaN);
    if (b.size !== undefined) this.seen[this.epoch] = (this.seen[this.epoch] ?? 0) + b.size;
    this.batches++;
    if (this.config.probe && this.model && this.batches % this.k === 0) this.probe();
  }

  /** Runs the gradient-flow (and gate) probe now. */
  probe(): void {
    const p = this.config.probe;
    if (!p || !this.model) return;
    if (this.probeError) return;
    const t0 = performance.now();
    // A probe that cannot run (a layer without gradients, a model we cannot reach into) must not stop training:
    // the error is kept and diagnose() lists the checks it could not make.
    try {
      const norms = tf.tidy(() => {
        const { input, rest } = gradientEntry('gradientRecorder', this.model!, p.x);
        return measureGradientFlow(input, rest, (yPred) => this.loss(p.y, yPred), p.mask);
      });
      this.probes.push({ batch: this.batches, epoch: this.epoch, norms });
    } catch (e) {
      this.probeError = `${(e as Error).name}: ${(e as Error).message}`;
    }
    this.probeMs += performance.now() - t0;
  }

  private measureGates(): GateStats[] | undefined {
    const layers = this.model?.layers ?? [];
    const idx = layers.findIndex((l) => ['SimpleRNN', 'LSTM', 'GRU'].includes(layerClass(l)));
    // Only a recurrent layer fed straight from the input (optionally through Masking/Embedding) has a known input.
    if (idx < 0 || !layers.slice(0, idx).every((l) => ['Masking', 'Embedding', 'InputLayer'].includes(layerClass(l)))) return undefined;
    const layer = layers[idx];
    if (typeof layer.getWeights !== 'function') return undefined;
    const cfg = configOf(layer);
    const cell = ({ SimpleRNN: 'simpleRNN', LSTM: 'lstm', GRU: 'gru' } as const)[layerClass(layer) as 'LSTM'] as CellKind;
    // tf.tidy cannot return plain objects, so a scope frees the intermediate tensors.
    tf.engine().startScope();
    try {
      const x = this.config.probe!.x;
      const inputs = layers.slice(0, idx).reduce((a, l) => (layerClass(l) === 'Embedding' && l.apply ? (l.apply(a) as tf.Tensor) : a), x);
      if (inputs.rank !== 3) return undefined;
      return gateStats({ layer: layer.name ?? `layer_${idx}`, cell, weights: layer.getWeights!(), inputs, mask: this.config.probe!.mask,
        activation: cfg.activation as ActivationName | undefined, recurrentActivation: cfg.recurrentActivation as ActivationName | undefined,
        resetAfter: cfg.resetAfter as boolean | undefined });
    } finally {
      tf.engine().endScope();
    }
  }

  /** Gradient norms of the probe batch per layer, from the model's trainable weights (when a trainer gives none). */
  probeGradientNorms(): { global: number; layers: Record<string, number> } | undefined {
    const p = this.config.probe;
    const ws = this.model?.trainableWeights;
    if (!p || !ws || ws.length === 0) return undefined;
    const vars = ws.map((w) => w.value).filter((v): v is tf.Variable => v instanceof tf.Variable);
    const forward = forwardOf('gradientRecorder', this.model!);
    const sq = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => this.loss(p.y, forward(p.x)), vars);
      return vars.map((v) => tf.sum(tf.square(grads[v.name])).dataSync()[0]);
    });
    const layers: Record<string, number> = {};
    ws.forEach((w, i) => (layers[layerOfWeight(w.name)] = (layers[layerOfWeight(w.name)] ?? 0) + (sq[i] ?? 0)));
    for (const k of Object.keys(layers)) layers[k] = Math.sqrt(layers[k]);
    return { global: Math.sqrt(sq.reduce((a, b) => a + b, 0)), layers };
  }

  evidence(): RecorderEvidence {
    const e: RecorderEvidence = {
      trace: { loss: [...this.trace.loss], epoch: [...this.trace.epoch] },
      learningRate: this.config.learningRate ?? (typeof this.config.optimizer?.learningRate === 'number' ? this.config.optimizer.learningRate : undefined),
    };
    if (this.config.optimizer) e.clippedBatches = this.clipped;
    if (this.probeError) e.probeError = this.probeError;
    if (this.epochLoss.length > 0) {
      e.history = { loss: Array.from(this.epochLoss, (v) => v ?? NaN) };
      if (this.epochValLoss.length === this.epochLoss.length) e.history.valLoss = [...this.epochValLoss];
    }
    if (this.trace.gradNorm.some(Number.isFinite) || this.trace.gradNorm.some((g) => !Number.isNaN(g))) e.trace.gradNorm = [...this.trace.gradNorm];
    if (Object.keys(this.trace.layerGradNorms).length) e.trace.layerGradNorms = structuredClone(this.trace.layerGradNorms);
    if (this.probes.length) e.gradientFlow = { probes: this.probes.map((p) => ({ ...p, norms: [...p.norms] })) };
    // Gate saturation is reported for the current weights only, so it is measured once here, not at every probe.
    if (this.config.gates !== false && this.config.probe && this.model && !this.probeError) {
      try {
        this.gates = this.measureGates() ?? this.gates;
      } catch (err) {
        this.probeError = `${(err as Error).name}: ${(err as Error).message}`;
        e.probeError = this.probeError;
      }
    }
    if (this.gates) e.gates = this.gates.map((g) => ({ ...g }));
    if (this.seen.some((s) => s > 0)) {
      e.seenPerEpoch = Array.from(this.seen, (s) => s ?? 0);
      if (this.config.datasetSize !== undefined) e.datasetSize = this.config.datasetSize;
    }
    return e;
  }
}

/** Per-variable norms summed (in squares) per layer, from Keras-style names ('lstm_1/kernel' -> 'lstm_1'). */
function normsByLayer(perVariable: Record<string, number>): Record<string, number> {
  const sq: Record<string, number> = {};
  for (const [name, v] of Object.entries(perVariable)) sq[layerOfWeight(name)] = (sq[layerOfWeight(name)] ?? 0) + v * v;
  for (const k of Object.keys(sq)) sq[k] = Math.sqrt(sq[k]);
  return sq;
}

export function gradientRecorder(config: GradientRecorderConfig = {}): GradientRecorder {
  return new GradientRecorder(config);
}
