// What every rnnkit optimizer shares: a tf.Optimizer subclass (so minimize/applyGradients work as in tfjs),
// gradient checks, clipping with its report, decoupled weight decay, the learning rate (number or schedule),
// per-variable state slots, getWeights/setWeights/dispose and the common half of getConfig.
import { ShapeError, tf, ValueError } from '@rnnkit/backend';
import { decideClipping } from './clip-report.js';
import type { ClipReport, ClipSettings } from './clip-report.js';
import { isSchedule, scheduleFromConfig } from './schedules.js';
import type { LearningRateSchedule, SerializedSchedule } from './schedules.js';
import { checkBoolean, checkNonNegative, describe } from './validate.js';

export interface BaseOptimizerConfig {
  /** A number, or a schedule evaluated at `iterations` before each update. */
  learningRate?: number | LearningRateSchedule;
  /** Rescale each variable's gradient to norm <= clipnorm. */
  clipnorm?: number;
  /** Clip every gradient element to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** Rescale all gradients together so their global norm <= globalClipnorm (PyTorch's clip_grad_norm_). */
  globalClipnorm?: number;
  /** Decoupled weight decay: `variable -= variable * weightDecay * learningRate` before each update (Keras). */
  weightDecay?: number;
  /** Compute `lastClipReport` at every step (one small read back per step). Default true. */
  reportNorms?: boolean;
}

export const BASE_KEYS = ['learningRate', 'clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay', 'reportNorms'] as const;

export interface StepContext {
  /** The learning rate for this update. */
  lr: number;
  /** 1 for the first update (Keras' local_step = iterations + 1). */
  step: number;
}

/** tfjs-core's NamedTensor (not re-exported at its top level). */
export interface NamedTensor { name: string; tensor: tf.Tensor }

interface Entry { name: string; variable: tf.Variable; grad: tf.Tensor }

export abstract class RnnkitOptimizer extends tf.Optimizer {
  /** Norms and clipping of the last applyGradients (null before the first, or with reportNorms: false and no clipping). */
  lastClipReport: ClipReport | null = null;
  protected readonly op: string;
  private learningRate_: number | LearningRateSchedule;
  private readonly clip: ClipSettings;
  private readonly weightDecay: number;
  private readonly reportNorms: boolean;
  private clipCount = 0;
  /** State per variable name, one tf.Variable per slot, in slotNames() order. */
  private readonly state = new Map<string, tf.Variable[]>();

  protected constructor(op: string, config: BaseOptimizerConfig, defaultLearningRate: number) {
    super();
    this.op = op;
    this.learningRate_ = checkLearningRate(op, config.learningRate ?? defaultLearningRate);
    this.clip = {};
    const setClips = (['clipnorm', 'clipvalue', 'globalClipnorm'] as const).filter((k) => config[k] !== undefined);
    if (setClips.length > 1) {
      throw new ValueError({ op, argument: setClips.join(' and '), expected: 'at most one of clipnorm, clipvalue and globalClipnorm', got: `${setClips.length} of them` });
    }
    for (const k of setClips) this.clip[k] = checkNonNegative(op, k, config[k], true);
    this.weightDecay = checkNonNegative(op, 'weightDecay', config.weightDecay ?? 0);
    this.reportNorms = checkBoolean(op, 'reportNorms', config.reportNorms ?? true);
  }

  /** Names of the per-variable state tensors, in the order getWeights lists them ('m', 'v', ...). */
  protected abstract slotNames(): readonly string[];
  /** Initial value of a slot (0 unless the formula says otherwise, e.g. Adagrad's initial accumulator). */
  protected initialSlotValue(_slot: string): number { return 0; }
  /** One variable's update, inside a tidy: `grad` is already clipped, weight decay already applied. */
  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: tf.Variable[], ctx: StepContext): void;
  /** This optimizer's own config fields (the base adds the common ones). */
  protected abstract ownConfig(): Record<string, unknown>;

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries = this.entries(variableGradients);
    const lr = this.getLearningRate();
    const clipping = Object.keys(this.clip).length > 0;
    let scales: number[] | null = null;
    if (entries.length > 0 && (clipping || this.reportNorms)) {
      const grads = entries.map((e) => e.grad);
      const decision = decideClipping(entries.map((e) => e.name), grads, this.clip);
      if (decision.report.clipped) this.clipCount += 1;
      this.lastClipReport = { ...decision.report, clipCount: this.clipCount };
      scales = decision.scales;
    } else if (clipping || this.reportNorms) {
      // No gradient this step (all null): say so rather than leave the previous step's report.
      this.lastClipReport = { globalNorm: 0, perVariableNorms: {}, clipped: false, clipCount: this.clipCount, finite: true };
    }
    const step = this.iterations + 1;
    for (const [i, e] of entries.entries()) {
      const slots = this.slotsFor(e.name, e.variable);
      tf.tidy(() => {
        let g = tf.cast(e.grad, 'float32');
        if (this.clip.clipvalue !== undefined) g = tf.clipByValue(g, -this.clip.clipvalue, this.clip.clipvalue);
        if (scales !== null && scales[i] !== 1) g = tf.mul(g, scales[i]!);
        if (this.weightDecay > 0) e.variable.assign(tf.sub(e.variable, tf.mul(e.variable, this.weightDecay * lr)));
        this.update(e.variable, g, slots, { lr, step });
      });
    }
    this.incrementIterations();
  }

  /** The learning rate the next update will use (the schedule evaluated at `iterations`). */
  getLearningRate(): number {
    const lr = this.learningRate_;
    return typeof lr === 'number' ? lr : lr.at(this.iterations);
  }

  /**
   * Sets the rate at run time (ReduceLROnPlateau's hook). A number replaces a schedule: from then on the rate is
   * that constant (Keras refuses instead; rnnkit lets a callback take over). A schedule replaces the rate.
   */
  setLearningRate(learningRate: number | LearningRateSchedule): void {
    this.learningRate_ = checkLearningRate(`${this.op}.setLearningRate`, learningRate);
  }

  /** The configured rate: a number or the schedule. */
  get learningRate(): number | LearningRateSchedule { return this.learningRate_; }

  getConfig(): tf.serialization.ConfigDict {
    const lr = this.learningRate_;
    const config: Record<string, unknown> = {
      learningRate: typeof lr === 'number' ? lr : { className: lr.className, config: lr.getConfig() },
      ...this.ownConfig(),
    };
    for (const [k, v] of Object.entries(this.clip)) config[k] = v;
    config.weightDecay = this.weightDecay;
    if (!this.reportNorms) config.reportNorms = false;
    return config as tf.serialization.ConfigDict;
  }

  /** tfjs semantics: `iter` (int32 scalar, a new tensor) first, then the live state variables `<variable>/<slot>`. */
  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    const names = this.slotNames();
    for (const [name, slots] of this.state) slots.forEach((s, k) => out.push({ name: `${name}/${names[k]}`, tensor: s }));
    return out;
  }

  /** Restores what getWeights gave (copies the values; the caller keeps ownership of the tensors it passes). */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const op = `${this.op}.setWeights`;
    if (!Array.isArray(weightValues) || weightValues.length === 0 || weightValues[0]?.name !== 'iter') {
      throw new ValueError({ op, argument: 'weightValues', expected: "a list starting with the 'iter' entry (as getWeights returns)", got: describe(weightValues?.[0]?.name ?? weightValues) });
    }
    const names = this.slotNames();
    const grouped = new Map<string, (tf.Tensor | undefined)[]>();
    for (const w of weightValues.slice(1)) {
      const cut = w.name.lastIndexOf('/');
      const slot = cut < 0 ? -1 : names.indexOf(w.name.slice(cut + 1));
      if (slot < 0) {
        throw new ValueError({ op, argument: `weightValues['${w.name}']`, expected: `a name '<variable>/<slot>' with slot one of ${names.join(', ')}`, got: `'${w.name}'` });
      }
      const list = grouped.get(w.name.slice(0, cut)) ?? new Array<tf.Tensor | undefined>(names.length).fill(undefined);
      list[slot] = w.tensor;
      grouped.set(w.name.slice(0, cut), list);
    }
    for (const [variable, list] of grouped) {
      const missing = names.filter((_, k) => list[k] === undefined);
      if (missing.length > 0) throw new ValueError({ op, argument: `weightValues for '${variable}'`, expected: `every slot (${names.join(', ')})`, got: `no ${missing.join(', ')}` });
    }
    this.iterations_ = (await weightValues[0]!.tensor.data())[0]!;
    this.disposeState();
    for (const [variable, list] of grouped) {
      // A copy (cast + clone) inside tidy: the variable keeps the copy's data, the copy's handle is freed.
      this.state.set(variable, list.map((t) => tf.tidy(() => tf.variable(tf.clone(tf.cast(t!, 'float32')), false))));
    }
    this.lastClipReport = null;
    this.clipCount = 0;
  }

  /** Frees every state tensor. The optimizer can still be used: state is recreated at the next update. */
  override dispose(): void {
    this.disposeState();
    this.lastClipReport = null;
    super.dispose();
  }

  /** How many state tensors this optimizer holds (for leak checks). */
  get stateTensorCount(): number {
    let n = 0;
    for (const slots of this.state.values()) n += slots.length;
    return n;
  }

  private disposeState(): void {
    for (const slots of this.state.values()) slots.forEach((s) => s.dispose());
    this.state.clear();
  }

  private slotsFor(name: string, variable: tf.Variable): tf.Variable[] {
    let slots = this.state.get(name);
    if (slots !== undefined) {
      const bad = slots.find((s) => !tf.util.arraysEqual(s.shape, variable.shape));
      if (bad !== undefined) {
        throw new ShapeError({ op: `${this.op}.applyGradients`, argument: `state of '${name}'`, expected: `shape [${variable.shape}] (the variable's)`, got: `shape [${bad.shape}] (from setWeights)` });
      }
      return slots;
    }
    slots = this.slotNames().map((slot) => {
      const init = tf.fill(variable.shape, this.initialSlotValue(slot), 'float32');
      const v = tf.variable(init, false);
      init.dispose();
      return v;
    });
    this.state.set(name, slots);
    return slots;
  }

  private entries(variableGradients: tf.NamedTensorMap | NamedTensor[]): Entry[] {
    const op = `${this.op}.applyGradients`;
    const list: NamedTensor[] = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients ?? {}).map(([name, tensor]) => ({ name, tensor }));
    const out: Entry[] = [];
    for (const { name, tensor } of list) {
      // A null gradient means the variable did not take part in the loss: skipped, as in tfjs.
      if (tensor == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) {
        throw new ValueError({ op, argument: `variableGradients['${name}']`, expected: 'the name of a registered tf.Variable', got: 'no variable of that name' });
      }
      if (!tf.util.arraysEqual(tensor.shape, variable.shape)) {
        throw new ShapeError({ op, argument: `gradient of '${name}'`, expected: `shape [${variable.shape}] (the variable's shape)`, got: `shape [${tensor.shape}]` });
      }
      out.push({ name, variable, grad: tensor });
    }
    return out;
  }
}

function checkLearningRate(op: string, lr: unknown): number | LearningRateSchedule {
  if (isSchedule(lr)) return lr;
  if (typeof lr === 'object' && lr !== null && 'className' in lr) return scheduleFromConfig(lr as SerializedSchedule);
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
    throw new ValueError({ op, argument: 'learningRate', expected: 'a finite number >= 0 or a learning-rate schedule', got: describe(lr) });
  }
  return lr;
}
