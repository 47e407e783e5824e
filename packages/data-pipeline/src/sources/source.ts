// Sources: where samples come from. A memory source is random-access (full shuffle possible); a stream source is
// read front to back once per epoch, so data larger than memory streams through.
import { EmptyDatasetError, InvalidArgumentError, SourceExhaustedError } from '../errors.js';
import type { RawSample } from '../types.js';

export interface MemorySource {
  readonly kind: 'memory';
  readonly description: string;
  readonly size: number;
  get(index: number): RawSample;
}

export interface StreamSource {
  readonly kind: 'stream';
  readonly description: string;
  /** A fresh pass over the data, in source order. */
  open(): AsyncIterable<RawSample>;
}

export type Source = MemorySource | StreamSource;

/** In-memory samples `{ x, y?, id?, weight? }`. The array is read, not copied. */
export function fromArray(samples: readonly RawSample[]): MemorySource {
  if (!Array.isArray(samples)) throw new InvalidArgumentError('fromArray', 'samples', 'an array of { x, y? } samples', typeof samples);
  if (samples.length === 0) throw new EmptyDatasetError('fromArray', "'samples'");
  return { kind: 'memory', description: `array of ${samples.length} samples`, size: samples.length, get: (i) => samples[i] };
}

export interface ArraysInput {
  x: readonly RawSample['x'][];
  y?: readonly NonNullable<RawSample['y']>[];
  weights?: readonly number[];
  ids?: readonly number[];
}

/** Parallel arrays: x[i] with y[i] (and weights[i], ids[i]). Lengths must agree. */
export function fromArrays(input: ArraysInput): MemorySource {
  const fn = 'fromArrays';
  if (!input || !Array.isArray(input.x)) throw new InvalidArgumentError(fn, 'x', 'an array of samples', typeof input?.x);
  const n = input.x.length;
  if (n === 0) throw new EmptyDatasetError(fn, "'x'");
  for (const key of ['y', 'weights', 'ids'] as const) {
    const a = input[key];
    if (a !== undefined && a.length !== n) throw new InvalidArgumentError(fn, key, `length ${n} (the length of x)`, `length ${a.length}`);
  }
  return {
    kind: 'memory',
    description: `arrays of ${n} samples`,
    size: n,
    get: (i) => ({ x: input.x[i], y: input.y?.[i], weight: input.weights?.[i], id: input.ids?.[i] }),
  };
}

type AnyIterable<T> = AsyncIterable<T> | Iterable<T>;

/**
 * Samples from an async (or sync) iterable. Pass a function returning a fresh iterable to read more than one
 * epoch; a one-shot iterator (a generator object) can be read once and a second pass is an error, not an empty epoch.
 */
export function fromAsyncIterable(input: AnyIterable<RawSample> | (() => AnyIterable<RawSample>), description = 'async iterable'): StreamSource {
  const reopen = reopenable('fromAsyncIterable', input);
  return {
    kind: 'stream',
    description,
    async *open() {
      yield* reopen();
    },
  };
}

/** Wraps an iterable or a factory so each open() is a fresh pass, and a one-shot iterator fails loudly on reuse. */
export function reopenable<T>(fn: string, input: AnyIterable<T> | (() => AnyIterable<T>)): () => AnyIterable<T> {
  if (typeof input === 'function') return input;
  const it = input as AnyIterable<T>;
  const isIterable = it && (typeof (it as AsyncIterable<T>)[Symbol.asyncIterator] === 'function'
    || typeof (it as Iterable<T>)[Symbol.iterator] === 'function');
  if (!isIterable) throw new InvalidArgumentError(fn, 'input', 'an iterable, an async iterable or a function returning one', typeof input);
  const oneShot = isOneShot(it);
  let opened = false;
  return () => {
    if (oneShot && opened) {
      throw new SourceExhaustedError(`${fn}: the source is a one-shot iterator and was already read; `
        + 'pass a function that returns a new iterable (or stream) to read it once per epoch');
    }
    opened = true;
    return it;
  };
}

function isOneShot(it: object): boolean {
  // A Node stream hands out a new iterator object each time but can still be consumed only once.
  if (typeof (it as { pipe?: unknown }).pipe === 'function' && typeof (it as { read?: unknown }).read === 'function') return true;
  const a = (it as AsyncIterable<unknown>)[Symbol.asyncIterator];
  if (typeof a === 'function') return a.call(it) === it;
  const s = (it as Iterable<unknown>)[Symbol.iterator];
  return typeof s === 'function' && !Array.isArray(it) && s.call(it) === it;
}

/** Reads a whole stream source into memory (so it can be fully shuffled or split). */
export async function loadSource(source: Source): Promise<RawSample[]> {
  if (source.kind === 'memory') return Array.from({ length: source.size }, (_, i) => source.get(i));
  const out: RawSample[] = [];
  for await (const s of source.open()) out.push(s);
  if (out.length === 0) throw new EmptyDatasetError('loadSource', `source '${source.description}'`);
  return out;
}
