// Learning-rate schedules with Keras' formulas and names, evaluated in plain JavaScript (float64) at the
// optimizer's `iterations` (0 for the first update), as Keras does. A schedule is a value: `at(step)` and its
// serialisable `{ className, config }`.
import { ValueError } from '@rnnkit/backend';
import { checkBoolean, checkKeys, checkNonNegative, describe } from './validate.js';

export interface LearningRateSchedule {
  /** Keras' class name: 'ExponentialDecay', 'InverseTimeDecay', 'PiecewiseConstantDecay', 'CosineDecay', 'CosineDecayRestarts'. */
  readonly className: ScheduleClassName;
  /** The learning rate for the update made at `step` (the optimizer's iterations before that update). */
  at(step: number): number;
  getConfig(): Record<string, unknown>;
}

export type ScheduleClassName =
  | 'ExponentialDecay' | 'InverseTimeDecay' | 'PiecewiseConstantDecay' | 'CosineDecay' | 'CosineDecayRestarts';

export interface SerializedSchedule {
  className: ScheduleClassName;
  config: Record<string, unknown>;
}

function make(className: ScheduleClassName, config: Record<string, unknown>, at: (step: number) => number): LearningRateSchedule {
  const frozen = { ...config };
  return { className, at, getConfig: () => ({ ...frozen }) };
}

export interface ExponentialDecayConfig { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }

/** `initialLearningRate * decayRate ^ (step / decaySteps)` (the exponent floored when `staircase`). */
export function exponentialDecay(config: ExponentialDecayConfig): LearningRateSchedule {
  const op = 'exponentialDecay';
  checkKeys(op, config, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
  const lr0 = checkNonNegative(op, 'initialLearningRate', config.initialLearningRate);
  const steps = checkNonNegative(op, 'decaySteps', config.decaySteps, true);
  const rate = checkNonNegative(op, 'decayRate', config.decayRate);
  const staircase = checkBoolean(op, 'staircase', config.staircase ?? false);
  return make('ExponentialDecay', { initialLearningRate: lr0, decaySteps: steps, decayRate: rate, staircase }, (step) => {
    const p = step / steps;
    return lr0 * rate ** (staircase ? Math.floor(p) : p);
  });
}

export interface InverseTimeDecayConfig { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }

/** `initialLearningRate / (1 + decayRate * step / decaySteps)` (the ratio floored when `staircase`). */
export function inverseTimeDecay(config: InverseTimeDecayConfig): LearningRateSchedule {
  const op = 'inverseTimeDecay';
  checkKeys(op, config, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
  const lr0 = checkNonNegative(op, 'initialLearningRate', config.initialLearningRate);
  const steps = checkNonNegative(op, 'decaySteps', config.decaySteps, true);
  const rate = checkNonNegative(op, 'decayRate', config.decayRate);
  const staircase = checkBoolean(op, 'staircase', config.staircase ?? false);
  return make('InverseTimeDecay', { initialLearningRate: lr0, decaySteps: steps, decayRate: rate, staircase }, (step) => {
    const p = step / steps;
    return lr0 / (1 + rate * (staircase ? Math.floor(p) : p));
  });
}

export interface PiecewiseConstantDecayConfig { boundaries: number[]; values: number[] }

/** `values[0]` while step <= boundaries[0], `values[i]` while boundaries[i-1] < step <= boundaries[i], then the last. */
export function piecewiseConstantDecay(config: PiecewiseConstantDecayConfig): LearningRateSchedule {
  const op = 'piecewiseConstantDecay';
  checkKeys(op, config, ['boundaries', 'values']);
  const { boundaries, values } = config;
  if (!Array.isArray(boundaries) || boundaries.length === 0) {
    throw new ValueError({ op, argument: 'boundaries', expected: 'a non-empty array of increasing steps', got: describe(boundaries) });
  }
  if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
    throw new ValueError({ op, argument: 'values', expected: `an array of length ${boundaries.length + 1} (boundaries.length + 1)`, got: describe(values) });
  }
  boundaries.forEach((b, i) => {
    checkNonNegative(op, `boundaries[${i}]`, b);
    if (i > 0 && b <= boundaries[i - 1]!) {
      throw new ValueError({ op, argument: `boundaries[${i}]`, expected: `greater than boundaries[${i - 1}] (${boundaries[i - 1]})`, got: String(b) });
    }
  });
  values.forEach((v, i) => checkNonNegative(op, `values[${i}]`, v));
  return make('PiecewiseConstantDecay', { boundaries: [...boundaries], values: [...values] }, (step) => {
    const i = boundaries.findIndex((b) => step <= b);
    return values[i === -1 ? values.length - 1 : i]!;
  });
}

export interface CosineDecayConfig {
  initialLearningRate: number;
  decaySteps: number;
  /** The floor, as a fraction of the peak rate. Default 0. */
  alpha?: number;
  /** With warm-up: the rate reached linearly from initialLearningRate over warmupSteps, then decayed. */
  warmupTarget?: number;
  warmupSteps?: number;
}

function cosineFactor(step: number, decaySteps: number, alpha: number): number {
  const p = Math.min(step, decaySteps) / decaySteps;
  return (1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * p)) + alpha;
}

/** Keras' CosineDecay: optional linear warm-up to `warmupTarget`, then half a cosine down to `alpha` x the peak. */
export function cosineDecay(config: CosineDecayConfig): LearningRateSchedule {
  const op = 'cosineDecay';
  checkKeys(op, config, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps']);
  const lr0 = checkNonNegative(op, 'initialLearningRate', config.initialLearningRate);
  const decaySteps = checkNonNegative(op, 'decaySteps', config.decaySteps, true);
  const alpha = checkNonNegative(op, 'alpha', config.alpha ?? 0);
  const warmupSteps = checkNonNegative(op, 'warmupSteps', config.warmupSteps ?? 0);
  const target = config.warmupTarget === undefined ? undefined : checkNonNegative(op, 'warmupTarget', config.warmupTarget);
  if (warmupSteps > 0 && target === undefined) {
    throw new ValueError({ op, argument: 'warmupTarget', expected: 'a number when warmupSteps > 0 (the rate the warm-up reaches)', got: 'undefined' });
  }
  const saved: Record<string, unknown> = { initialLearningRate: lr0, decaySteps, alpha, warmupSteps };
  if (target !== undefined) saved.warmupTarget = target;
  return make('CosineDecay', saved, (step) => {
    if (target === undefined) return lr0 * cosineFactor(step, decaySteps, alpha);
    if (step < warmupSteps) return lr0 + ((target - lr0) * step) / warmupSteps;
    return target * cosineFactor(step - warmupSteps, decaySteps, alpha);
  });
}

export interface CosineDecayRestartsConfig {
  initialLearningRate: number;
  firstDecaySteps: number;
  /** Each period is tMul times longer than the one before. Default 2. */
  tMul?: number;
  /** Each restart peaks at mMul times the previous peak. Default 1. */
  mMul?: number;
  alpha?: number;
}

/** SGDR (Loshchilov & Hutter), Keras' CosineDecayRestarts. */
export function cosineDecayRestarts(config: CosineDecayRestartsConfig): LearningRateSchedule {
  const op = 'cosineDecayRestarts';
  checkKeys(op, config, ['initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha']);
  const lr0 = checkNonNegative(op, 'initialLearningRate', config.initialLearningRate);
  const first = checkNonNegative(op, 'firstDecaySteps', config.firstDecaySteps, true);
  const tMul = checkNonNegative(op, 'tMul', config.tMul ?? 2, true);
  const mMul = checkNonNegative(op, 'mMul', config.mMul ?? 1);
  const alpha = checkNonNegative(op, 'alpha', config.alpha ?? 0);
  return make('CosineDecayRestarts', { initialLearningRate: lr0, firstDecaySteps: first, tMul, mMul, alpha }, (step) => {
    let fraction = step / first;
    let restart: number;
    if (tMul === 1) {
      restart = Math.floor(fraction);
      fraction -= restart;
    } else {
      restart = Math.floor(Math.log(1 - fraction * (1 - tMul)) / Math.log(tMul));
      const done = (1 - tMul ** restart) / (1 - tMul);
      fraction = (fraction - done) / tMul ** restart;
    }
    const cosine = 0.5 * mMul ** restart * (1 + Math.cos(Math.PI * fraction));
    return lr0 * ((1 - alpha) * cosine + alpha);
  });
}

const FACTORIES = {
  ExponentialDecay: exponentialDecay,
  InverseTimeDecay: inverseTimeDecay,
  PiecewiseConstantDecay: piecewiseConstantDecay,
  CosineDecay: cosineDecay,
  CosineDecayRestarts: cosineDecayRestarts,
} as const;

/** Rebuilds a schedule from `{ className, config }` (what `getConfig()` of an optimizer stores). */
export function scheduleFromConfig(serialized: SerializedSchedule): LearningRateSchedule {
  const factory = (FACTORIES as Record<string, (c: never) => LearningRateSchedule>)[serialized?.className];
  if (factory === undefined) {
    throw new ValueError({ op: 'scheduleFromConfig', argument: 'className', expected: `one of ${Object.keys(FACTORIES).join(', ')}`, got: describe(serialized?.className) });
  }
  return factory(serialized.config as never);
}

export function isSchedule(v: unknown): v is LearningRateSchedule {
  return typeof v === 'object' && v !== null && typeof (v as LearningRateSchedule).at === 'function' && typeof (v as LearningRateSchedule).className === 'string';
}
