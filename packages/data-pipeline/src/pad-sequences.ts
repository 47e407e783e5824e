// padSequences: Keras `pad_sequences` semantics and defaults, plus lengths, a mask and a truncation report.
import { EmptyDatasetError, InvalidArgumentError } from './errors.js';
import { checkFeatureSize, checkValue, featureSizeOf, writeSteps } from './sequence-values.js';
import type { Dtype } from './types.js';

export type PadSide = 'pre' | 'post';

export interface PadSequencesConfig {
  /** Output length. Default: the longest sequence. */
  maxlen?: number;
  /** Where padding goes. Default 'pre' (Keras). */
  padding?: PadSide;
  /** Which end is cut from sequences longer than maxlen. Default 'pre' (Keras: keep the last maxlen steps). */
  truncating?: PadSide;
  /** Padding value. Default 0. */
  value?: number;
  /** Default 'int32' (Keras). Non-integer values with int32 are an error, not a silent cast. */
  dtype?: Dtype;
}

export interface TruncationReport {
  /** How many sequences were longer than maxlen. */
  samples: number;
  /** Total steps cut across those sequences. */
  stepsCut: number;
  /** Indices (or sample ids) of the truncated sequences. */
  ids: number[];
}

export interface PaddedSequences {
  data: Float32Array | Int32Array;
  /** [N, maxlen] for token sequences, [N, maxlen, F] for sequences of F-vectors. */
  shape: number[];
  dtype: Dtype;
  /** Kept length of each row (after truncation). */
  lengths: Int32Array;
  /** [N, maxlen]: 1 where a real step is, 0 for padding. */
  mask: Float32Array;
  truncated: TruncationReport;
}

const FN = 'padSequences';

export function resolvePadConfig(fn: string, c: PadSequencesConfig): Required<Omit<PadSequencesConfig, 'maxlen'>> & { maxlen?: number } {
  const padding = c.padding ?? 'pre';
  const truncating = c.truncating ?? 'pre';
  const dtype = c.dtype ?? 'int32';
  const value = c.value ?? 0;
  if (padding !== 'pre' && padding !== 'post') throw new InvalidArgumentError(fn, 'padding', "'pre' or 'post'", String(padding));
  if (truncating !== 'pre' && truncating !== 'post') throw new InvalidArgumentError(fn, 'truncating', "'pre' or 'post'", String(truncating));
  if (dtype !== 'int32' && dtype !== 'float32') throw new InvalidArgumentError(fn, 'dtype', "'int32' or 'float32'", String(dtype));
  if (c.maxlen !== undefined && !(Number.isInteger(c.maxlen) && c.maxlen > 0)) {
    throw new InvalidArgumentError(fn, 'maxlen', 'a positive integer', String(c.maxlen));
  }
  checkValue(value, dtype, { fn, id: -1 }, 0);
  return { padding, truncating, dtype, value, maxlen: c.maxlen };
}

/** Pads (and truncates) a list of sequences to one length. Row i of the result is sequences[i]; ids are indices. */
export function padSequences(
  sequences: ReadonlyArray<ArrayLike<number> | ArrayLike<ArrayLike<number>>>,
  config: PadSequencesConfig = {},
): PaddedSequences {
  const c = resolvePadConfig(FN, config);
  if (!Array.isArray(sequences)) throw new InvalidArgumentError(FN, 'sequences', 'an array of sequences', typeof sequences);
  if (sequences.length === 0) throw new EmptyDatasetError(FN, "'sequences'");
  let features: number | undefined;
  let longest = 0;
  for (let i = 0; i < sequences.length; i++) {
    const f = featureSizeOf(sequences[i], { fn: FN, id: i });
    checkFeatureSize(features, f, { fn: FN, id: i });
    features ??= f;
    longest = Math.max(longest, sequences[i].length);
  }
  const F = features ?? 0;
  const maxlen = c.maxlen ?? longest;
  const n = sequences.length;
  const width = Math.max(F, 1);
  const data = c.dtype === 'int32' ? new Int32Array(n * maxlen * width) : new Float32Array(n * maxlen * width);
  if (c.value !== 0) data.fill(c.value);
  const lengths = new Int32Array(n);
  const mask = new Float32Array(n * maxlen);
  const truncated: TruncationReport = { samples: 0, stepsCut: 0, ids: [] };
  for (let i = 0; i < n; i++) {
    const seq = sequences[i] as ArrayLike<unknown>;
    const kept = Math.min(seq.length, maxlen);
    if (seq.length > maxlen) {
      truncated.samples++;
      truncated.stepsCut += seq.length - maxlen;
      truncated.ids.push(i);
    }
    const start = c.truncating === 'pre' ? seq.length - kept : 0;
    const col = c.padding === 'pre' ? maxlen - kept : 0;
    writeSteps(data, (i * maxlen + col) * width, seq, start, kept, F, c.dtype, { fn: FN, id: i });
    mask.fill(1, i * maxlen + col, i * maxlen + col + kept);
    lengths[i] = kept;
  }
  const shape = F === 0 ? [n, maxlen] : [n, maxlen, F];
  return { data, shape, dtype: c.dtype, lengths, mask, truncated };
}
