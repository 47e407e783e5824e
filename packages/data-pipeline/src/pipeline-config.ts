// The pipeline's config, its defaults and its validation.
import { autoBucketBoundaries, type AutoBucketConfig } from './auto-bucket.js';
import { validateBucketConfig, type BucketConfig } from './bucket.js';
import { InvalidArgumentError } from './errors.js';
import { resolvePadConfig, type PadSide } from './pad-sequences.js';
import type { PipelineWarning } from './manifest.js';
import type { Source } from './sources/source.js';
import type { Dtype, RawSample, Sample } from './types.js';

export interface SequenceConfig {
  /** Truncate longer sequences to maxlen (reported in the manifest). Without bucketing, batches are padded to maxlen. */
  maxlen?: number;
  /** Default 'pre' (Keras pad_sequences). */
  padding?: PadSide;
  /** Default 'pre' (Keras: keep the last maxlen steps). */
  truncating?: PadSide;
  value?: number;
  /** Default 'int32' (token ids, as Keras); use 'float32' for sequences of real-valued feature vectors. */
  dtype?: Dtype;
  /** y is a sequence with one target per x step (tagging, many-to-many): truncated and padded like x. Default false. */
  sequenceTargets?: boolean;
  /** Padding value of per-step targets. Default 0. */
  targetValue?: number;
}

export type ShuffleConfig =
  | false
  /** Full shuffle: a new seeded permutation every epoch. Needs a memory source. */
  | { seed: number }
  /** Buffer shuffle (tf.data semantics) for streams; reshuffled every epoch. */
  | { seed: number; bufferSize: number };

export interface PipelineConfig {
  source: Source;
  /** Per-sample transform (tokenise, standardise, ...); must keep the id. */
  map?: (sample: Sample) => RawSample;
  /** Keep a sample when true; dropped ids are recorded in the manifest. */
  filter?: (sample: Sample) => boolean;
  shuffle?: ShuffleConfig;
  /** x is a variable-length sequence: truncate, bucket, pad, mask. Without it, every x must have the same shape. */
  sequence?: boolean | SequenceConfig;
  /** Bucket by sequence length (implies sequence). dropRemainder here defaults to the pipeline's remainder. */
  bucket?: BucketConfig | AutoBucketConfig;
  /** Rows per batch (not needed with bucket). */
  batchSize?: number;
  /** 'keep' the last partial batch (default) or 'drop' it (the dropped ids are in the manifest). */
  remainder?: 'keep' | 'drop';
  /** dtype of x for fixed-shape (non-sequence) samples. Default 'float32'. */
  xDtype?: Dtype;
  /** dtype of y. Default 'float32'. */
  yDtype?: Dtype;
  /** Record every epoch's id order (needed to audit shuffling). Default true. */
  recordOrder?: boolean;
  /** Called for each warning; default console.warn. Warnings are in the coverage report too. */
  onWarning?: (w: PipelineWarning) => void;
}

export interface ResolvedConfig {
  sequence: { maxlen?: number; padding: PadSide; truncating: PadSide; value: number; dtype: Dtype; sequenceTargets: boolean; targetValue: number } | undefined;
  shuffle: { kind: 'none' } | { kind: 'full'; seed: number } | { kind: 'buffer'; seed: number; bufferSize: number };
  batchSize?: number;
  remainder: 'keep' | 'drop';
  bucket?: BucketConfig;
  auto?: AutoBucketConfig;
}

const FN = 'createPipeline';

function positiveInt(arg: string, v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 1) throw new InvalidArgumentError(FN, arg, 'a positive integer', String(v));
  return v as number;
}

export function resolveConfig(c: PipelineConfig): ResolvedConfig {
  if (!c || !c.source || (c.source.kind !== 'memory' && c.source.kind !== 'stream')) {
    throw new InvalidArgumentError(FN, 'source', 'a source (fromArray, jsonlSource, csvSource, ...)', String(c?.source));
  }
  const remainder = c.remainder ?? 'keep';
  if (remainder !== 'keep' && remainder !== 'drop') throw new InvalidArgumentError(FN, 'remainder', "'keep' or 'drop'", String(remainder));
  const wantsSequence = c.sequence !== undefined && c.sequence !== false;
  const seqConfig = typeof c.sequence === 'object' ? c.sequence : {};
  const sequence = wantsSequence || c.bucket
    ? { ...resolvePadConfig(FN, seqConfig), sequenceTargets: seqConfig.sequenceTargets ?? false, targetValue: seqConfig.targetValue ?? 0 }
    : undefined;
  if (sequence && typeof sequence.targetValue !== 'number') throw new InvalidArgumentError(FN, 'sequence.targetValue', 'a number', String(sequence.targetValue));
  let shuffle: ResolvedConfig['shuffle'] = { kind: 'none' };
  if (c.shuffle) {
    if (!Number.isInteger(c.shuffle.seed)) throw new InvalidArgumentError(FN, 'shuffle.seed', 'an integer', String(c.shuffle.seed));
    if ('bufferSize' in c.shuffle) {
      shuffle = { kind: 'buffer', seed: c.shuffle.seed, bufferSize: positiveInt('shuffle.bufferSize', c.shuffle.bufferSize) };
    } else if (c.source.kind !== 'memory') {
      throw new InvalidArgumentError(FN, 'shuffle', `{ seed, bufferSize } for a stream source (${c.source.description}); a full shuffle needs a memory source`, '{ seed }');
    } else {
      shuffle = { kind: 'full', seed: c.shuffle.seed };
    }
  }
  const out: ResolvedConfig = { sequence, shuffle, remainder };
  if (c.bucket) {
    if ('auto' in c.bucket) {
      positiveInt('bucket.numBuckets', c.bucket.numBuckets);
      positiveInt('bucket.batchSize', c.bucket.batchSize);
      out.auto = { ...c.bucket, dropRemainder: c.bucket.dropRemainder ?? remainder === 'drop' };
    } else {
      validateBucketConfig(FN, c.bucket);
      out.bucket = { ...c.bucket, dropRemainder: c.bucket.dropRemainder ?? remainder === 'drop' };
    }
  } else {
    out.batchSize = positiveInt('batchSize', c.batchSize);
  }
  return out;
}

export { autoBucketBoundaries };
