import { tf } from '../tfjs.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'no constructor'})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A live float32 tf.Tensor of the given rank (the meaning of each axis goes in `axes`, e.g. '[batch, time, features]'). */
export function checkTensor(op: string, argument: string, value: unknown, rank: number, axes: string, dtypes: readonly string[] = ['float32']): tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new ValueError({ op, argument, expected: `a tf.Tensor of rank ${rank} ${axes}`, got: describeValue(value) });
  }
  if (value.isDisposed) throw new ValueError({ op, argument, expected: 'a live tensor', got: `a disposed tensor of shape ${formatShape(value.shape)}` });
  if (value.rank !== rank) {
    throw new ShapeError({ op, argument, expected: `rank ${rank} ${axes}`, got: `rank ${value.rank} shape ${formatShape(value.shape)}` });
  }
  if (!dtypes.includes(value.dtype)) {
    throw new DTypeError({ op, argument, expected: dtypes.join(' or '), got: value.dtype });
  }
  return value;
}

/** Exact shape, with what each size means in words ('[features, 4 * units] for lstm'). */
export function checkShape(op: string, argument: string, t: tf.Tensor, expected: readonly number[], meaning: string): void {
  const ok = t.shape.length === expected.length && t.shape.every((d, i) => d === expected[i]);
  if (!ok) {
    throw new ShapeError({ op, argument, expected: `shape ${formatShape(expected)} (${meaning})`, got: `shape ${formatShape(t.shape)}` });
  }
}

export function checkBoolean(op: string, argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ValueError({ op, argument, expected: 'a boolean', got: describeValue(value) });
  }
}

export function checkArray(op: string, argument: string, value: unknown, length: number, meaning: string): unknown[] {
  if (!Array.isArray(value)) throw new ValueError({ op, argument, expected: `an array of ${length} tensors (${meaning})`, got: describeValue(value) });
  if (value.length !== length) {
    throw new ValueError({ op, argument, expected: `${length} tensor${length === 1 ? '' : 's'} (${meaning})`, got: `${value.length}` });
  }
  return value;
}
