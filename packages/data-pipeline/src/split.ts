// Train/validation splits after a seeded shuffle, optionally stratified by label or grouped by a key.
import { EmptyDatasetError, InvalidArgumentError } from './errors.js';
import { createRng, shuffleInPlace } from './random.js';

export interface SplitConfig<T> {
  /** Fraction of samples (or groups) for validation, in (0, 1). */
  validationFraction: number;
  seed: number;
  /** Keep each label's proportion in both splits. */
  stratifyBy?: (item: T, index: number) => string | number;
  /** Keep all items with the same key on one side (e.g. one speaker, one patient). */
  groupBy?: (item: T, index: number) => string | number;
}

export interface Split<T> {
  train: T[];
  validation: T[];
  /** Positions in the input, ascending. */
  trainIndices: number[];
  validationIndices: number[];
}

const SPLIT_STREAM = 2;

export function trainValidationSplit<T>(items: readonly T[], config: SplitConfig<T>): Split<T> {
  const fn = 'trainValidationSplit';
  if (!Array.isArray(items)) throw new InvalidArgumentError(fn, 'items', 'an array', typeof items);
  if (items.length === 0) throw new EmptyDatasetError(fn, "'items'");
  const f = config.validationFraction;
  if (typeof f !== 'number' || !(f > 0 && f < 1)) throw new InvalidArgumentError(fn, 'validationFraction', 'a number in (0, 1)', String(f));
  if (!Number.isInteger(config.seed)) throw new InvalidArgumentError(fn, 'seed', 'an integer', String(config.seed));
  if (config.stratifyBy && config.groupBy) throw new InvalidArgumentError(fn, 'stratifyBy', 'unset when groupBy is set (choose one)', 'both');
  const rng = createRng(config.seed, 0, SPLIT_STREAM);
  const keyFn = config.groupBy ?? config.stratifyBy;
  const inValidation = new Uint8Array(items.length);
  if (!keyFn) {
    const order = items.map((_, i) => i);
    shuffleInPlace(order, rng);
    for (const i of order.slice(0, Math.round(f * items.length))) inValidation[i] = 1;
  } else {
    const byKey = new Map<string | number, number[]>();
    items.forEach((item, i) => {
      const k = keyFn(item, i);
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    });
    if (config.groupBy) splitGroups([...byKey.values()], f, items.length, rng, inValidation);
    else for (const members of byKey.values()) {
      shuffleInPlace(members, rng);
      for (const i of members.slice(0, Math.round(f * members.length))) inValidation[i] = 1;
    }
  }
  const out: Split<T> = { train: [], validation: [], trainIndices: [], validationIndices: [] };
  items.forEach((item, i) => {
    if (inValidation[i]) {
      out.validation.push(item);
      out.validationIndices.push(i);
    } else {
      out.train.push(item);
      out.trainIndices.push(i);
    }
  });
  return out;
}

/** Whole groups in shuffled order go to validation while that brings its size closer to the target. */
function splitGroups(groups: number[][], f: number, n: number, rng: ReturnType<typeof createRng>, inValidation: Uint8Array): void {
  shuffleInPlace(groups, rng);
  const target = f * n;
  let size = 0;
  for (const g of groups) {
    if (Math.abs(size + g.length - target) < Math.abs(size - target)) {
      for (const i of g) inValidation[i] = 1;
      size += g.length;
    }
  }
}
