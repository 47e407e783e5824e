// Plain data types shared by every part of the pipeline. No tfjs here: data is typed arrays plus shapes.

export type Dtype = 'int32' | 'float32';

/** A dense array in row-major order with its shape. */
export interface ArrayData {
  data: Float32Array | Int32Array;
  shape: number[];
}

/** One sample's input: a token sequence or feature vector (1-D) or a sequence of feature vectors (2-D). */
export type SampleValue = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** A sample as a source or a user supplies it. `id` is optional: sources number samples 0, 1, 2, ... in order. */
export interface RawSample {
  x: SampleValue;
  y?: number | ArrayLike<number>;
  id?: number;
  weight?: number;
  /** 1-based line of the file the sample came from, for error messages. */
  line?: number;
}

/** A sample with its stable id. */
export interface Sample extends RawSample {
  id: number;
}

/** One batch as the pipeline yields it. */
export interface Batch {
  /** Stable sample ids, in row order. */
  ids: number[];
  epoch: number;
  /** Batch index within the epoch. */
  index: number;
  x: ArrayData;
  y?: ArrayData;
  /** 1 for a real step, 0 for padding; shape [B, T]. Present for sequence pipelines. */
  mask?: { data: Float32Array; shape: [number, number] };
  /** Real (post-truncation) length of each row. Present for sequence pipelines. */
  lengths?: Int32Array;
  sampleWeight?: Float32Array;
}

/** Anything that yields batches per epoch: a Pipeline, or a user's own object with the same shape. */
export interface BatchSource {
  readonly size?: number;
  epochBatches(epoch: number): AsyncIterable<Batch>;
}
