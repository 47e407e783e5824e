// @rnnkit/data-pipeline: padding, truncation, masks, bucketing, shuffling, batching and streaming sources, with
// an epoch manifest of every sample's fate. No tfjs here; `@rnnkit/data-pipeline/tensors` makes tensors.
export type { ArrayData, Batch, BatchSource, Dtype, RawSample, Sample, SampleValue } from './types.js';
export { DataPipelineError, EmptyDatasetError, InvalidArgumentError, SampleError, SourceExhaustedError } from './errors.js';
export { padSequences } from './pad-sequences.js';
export type { PadSequencesConfig, PadSide, PaddedSequences, TruncationReport } from './pad-sequences.js';
export { bucketBySequenceLength } from './bucket.js';
export type { BucketConfig, BucketGroup } from './bucket.js';
export { autoBucketBoundaries } from './auto-bucket.js';
export type { AutoBucketConfig, AutoBucketResult, PaddingEstimate } from './auto-bucket.js';
export { bufferShuffle } from './buffer-shuffle.js';
export { createRng, permutation } from './random.js';
export type { Rng } from './random.js';
export { Pipeline, createPipeline } from './pipeline.js';
export type { PipelineConfig, SequenceConfig, ShuffleConfig } from './pipeline-config.js';
export { EpochManifest } from './manifest.js';
export type {
  CoverageReport, EpochCoverage, PaddingCoverage, PipelineDescription, PipelineWarning, ShuffleDescription, TruncationCoverage,
} from './manifest.js';
export { fromArray, fromArrays, fromAsyncIterable, loadSource } from './sources/source.js';
export type { ArraysInput, MemorySource, Source, StreamSource } from './sources/source.js';
export { readLines } from './sources/lines.js';
export type { Line, LineInput, LineInputValue } from './sources/lines.js';
export { jsonlSource } from './sources/jsonl.js';
export { textLineSource } from './sources/text.js';
export type { JsonlConfig } from './sources/jsonl.js';
export { csvSource } from './sources/csv.js';
export type { CsvConfig } from './sources/csv.js';
export { KERAS_FILTERS, Tokenizer, createTokenizer } from './tokenizer.js';
export type { SequencesReport, TokenizerConfig, TokenizerJSON } from './tokenizer.js';
export { slidingWindows } from './windows.js';
export type { WindowConfig, WindowResult } from './windows.js';
export { fitStandardizer, fromStats } from './standardize.js';
export type { Standardizer, StandardizerJSON } from './standardize.js';
export { trainValidationSplit } from './split.js';
export type { Split, SplitConfig } from './split.js';
