// The pipeline: source -> map -> filter -> truncate -> shuffle -> batch or bucket -> pad -> Batch, recording every
// sample's fate in the epoch manifest as batches are yielded.
import { autoBucketBoundaries, type AutoBucketResult } from './auto-bucket.js';
import { bucketBySequenceLength, bucketPadLength, type BucketConfig } from './bucket.js';
import { SortednessProbe, bufferShuffle } from './buffer-shuffle.js';
import { Layout, collate, type Prepared } from './collate.js';
import { EmptyDatasetError, InvalidArgumentError } from './errors.js';
import { EpochManifest, type EpochRecorder, type PipelineDescription, type PipelineWarning } from './manifest.js';
import { resolveConfig, type PipelineConfig, type ResolvedConfig } from './pipeline-config.js';
import { createRng, permutation } from './random.js';
import type { Batch, BatchSource, RawSample, Sample } from './types.js';

// Distinct streams of randomness per purpose, so adding one never shifts another.
const SHUFFLE_STREAM = 1;

export class Pipeline implements BatchSource {
  readonly manifest: EpochManifest;
  private readonly r: ResolvedConfig;
  private readonly layout: Layout;
  private autoResult: AutoBucketResult | undefined;
  private lastEpochRows: number | undefined;
  private warnedSorted = false;

  constructor(private readonly config: PipelineConfig) {
    this.r = resolveConfig(config);
    const seq = this.r.sequence;
    this.layout = new Layout({
      sequence: seq !== undefined,
      padding: seq?.padding ?? 'post',
      value: seq?.value ?? 0,
      xDtype: seq ? seq.dtype : config.xDtype ?? 'float32',
      yDtype: config.yDtype ?? 'float32',
      sequenceTargets: seq?.sequenceTargets ?? false,
      targetValue: seq?.targetValue ?? 0,
    });
    this.manifest = new EpochManifest(() => this.describe(), config.recordOrder ?? true);
  }

  /** Samples per epoch: the last full epoch's row count, else the memory source's size (undefined for unread streams). */
  get size(): number | undefined {
    if (this.lastEpochRows !== undefined) return this.lastEpochRows;
    return this.config.source.kind === 'memory' && !this.config.filter && this.r.remainder === 'keep' ? this.config.source.size : undefined;
  }

  /** The automatic bucket boundaries and the padding they save (computed on first use: one pass over the source). */
  async autoBuckets(): Promise<AutoBucketResult | undefined> {
    if (!this.r.auto) return undefined;
    if (!this.autoResult) {
      const lengths: number[] = [];
      for await (const p of this.prepared(undefined)) lengths.push(p.length);
      if (lengths.length === 0) throw new EmptyDatasetError('createPipeline', `source '${this.config.source.description}' after filter`);
      this.autoResult = autoBucketBoundaries(lengths, this.r.auto);
    }
    return this.autoResult;
  }

  /** One epoch of batches; the epoch number seeds its shuffle, so any epoch can be replayed alone. */
  async *epochBatches(epoch: number): AsyncGenerator<Batch> {
    if (!Number.isInteger(epoch) || epoch < 0) throw new InvalidArgumentError('epochBatches', 'epoch', 'a non-negative integer', String(epoch));
    const bucket = this.r.bucket ?? (await this.autoBuckets())?.config;
    const rec = this.manifest.beginEpoch(epoch);
    const src = this.config.source;
    // A memory source's ids are all known up front, so an epoch cut short still lists what it never reached.
    if (src.kind === 'memory') for (let i = 0; i < src.size; i++) rec.sourced(src.get(i).id ?? i);
    let index = 0;
    let rows = 0;
    for await (const { items, padTo } of this.groups(epoch, rec, bucket)) {
      const { batch, realSteps, paddedSteps } = collate(items, this.layout, padTo);
      rec.batch(batch.ids, realSteps, paddedSteps);
      rows += items.length;
      yield { ...batch, epoch, index: index++ };
    }
    if (rows === 0 && rec.filtered.length === 0 && rec.remainder.length === 0) {
      throw new EmptyDatasetError('epochBatches', `source '${this.config.source.description}'`);
    }
    rec.finish();
    this.lastEpochRows = rows;
  }

  private async *groups(epoch: number, rec: EpochRecorder, bucket: BucketConfig | undefined): AsyncGenerator<{ items: Prepared[]; padTo: number }> {
    const stream = this.shuffled(epoch, rec);
    const seq = this.r.sequence;
    if (bucket) {
      const groups = bucketBySequenceLength(stream, bucket, (p) => p.length, (dropped) => rec.droppedByRemainder(dropped.map((p) => p.id)));
      for await (const g of groups) yield { items: g.items, padTo: bucketPadLength(g.bucket, longest(g.items), bucket) };
      return;
    }
    const size = this.r.batchSize as number;
    const padTo = (items: Prepared[]): number => seq?.maxlen ?? longest(items);
    let items: Prepared[] = [];
    for await (const p of stream) {
      items.push(p);
      if (items.length === size) {
        yield { items, padTo: padTo(items) };
        items = [];
      }
    }
    if (items.length === 0) return;
    if (this.r.remainder === 'drop') rec.droppedByRemainder(items.map((p) => p.id));
    else yield { items, padTo: padTo(items) };
  }

  private shuffled(epoch: number, rec: EpochRecorder): AsyncIterable<Prepared> {
    const s = this.r.shuffle;
    if (s.kind !== 'buffer') return this.prepared(rec, epoch);
    const probes = { length: new SortednessProbe(), label: new SortednessProbe() };
    let count = 0;
    const watched = async function* (this: Pipeline): AsyncGenerator<Prepared> {
      for await (const p of this.prepared(rec, epoch)) {
        count++;
        if (this.layout.o.sequence) probes.length.observe(p.length);
        if (typeof p.y === 'number') probes.label.observe(p.y);
        yield p;
      }
      const sortedBy = probes.length.looksSorted() ? 'sequence length' : probes.label.looksSorted() ? 'label' : undefined;
      if (sortedBy && s.bufferSize < count) this.warnSorted(epoch, s.bufferSize, count, sortedBy);
    }.call(this);
    return bufferShuffle(watched, s.bufferSize, createRng(s.seed, epoch, SHUFFLE_STREAM));
  }

  /** Source order (or the full-shuffle permutation), with ids, map, filter and truncation applied. */
  private async *prepared(rec: EpochRecorder | undefined, epoch = 0): AsyncGenerator<Prepared> {
    const src = this.config.source;
    if (src.kind === 'memory') {
      if (src.size === 0) throw new EmptyDatasetError('createPipeline', `source '${src.description}'`);
      const s = this.r.shuffle;
      const order = s.kind === 'full' ? permutation(src.size, createRng(s.seed, epoch, SHUFFLE_STREAM)) : undefined;
      for (let k = 0; k < src.size; k++) {
        const i = order ? order[k] : k;
        const p = this.prepare(src.get(i), i, rec);
        if (p) yield p;
      }
      return;
    }
    let ordinal = 0;
    for await (const raw of src.open()) {
      const p = this.prepare(raw, ordinal++, rec);
      if (p) yield p;
    }
  }

  private prepare(raw: RawSample, ordinal: number, rec: EpochRecorder | undefined): Prepared | undefined {
    const id = raw.id ?? ordinal;
    rec?.sourced(id);
    let s: RawSample = raw.id === id ? raw : { ...raw, id };
    if (this.config.map) s = this.config.map(s as Sample);
    if (this.config.filter && !this.config.filter({ ...s, id } as Sample)) {
      rec?.filteredOut(id);
      return undefined;
    }
    const ref = { fn: 'pipeline', id, line: s.line ?? raw.line };
    this.layout.checkX(s.x, ref);
    this.layout.checkY(s.y, ref, (s.x as ArrayLike<unknown>).length);
    const x = s.x as ArrayLike<unknown>;
    let start = 0;
    let length = x.length;
    const maxlen = this.r.sequence?.maxlen;
    if (maxlen !== undefined && length > maxlen) {
      rec?.truncatedSample(id, length - maxlen);
      if (this.r.sequence?.truncating === 'pre') start = length - maxlen;
      length = maxlen;
    }
    return { id, line: ref.line, x, start, length, y: s.y, weight: s.weight };
  }

  private warnSorted(epoch: number, bufferSize: number, count: number, key: string): void {
    if (this.warnedSorted) return;
    this.warnedSorted = true;
    const w: PipelineWarning = {
      code: 'SMALL_SHUFFLE_BUFFER_ON_SORTED_DATA',
      epoch,
      message: `shuffle buffer of ${bufferSize} holds ${((100 * bufferSize) / count).toFixed(1)}% of the ${count} samples and `
        + `the source looks sorted by ${key}: batches will follow the source order; use bufferSize >= ${count} `
        + 'or shuffle the file once on disk',
    };
    this.manifest.warn(w);
    (this.config.onWarning ?? ((x: PipelineWarning) => console.warn(`@rnnkit/data-pipeline: ${x.message}`)))(w);
  }

  private describe(): PipelineDescription {
    const seq = this.r.sequence;
    const bucket = this.r.bucket ?? this.autoResult?.config;
    const d: PipelineDescription = { shuffle: this.r.shuffle, remainder: this.r.remainder, filter: this.config.filter !== undefined };
    if (this.r.batchSize !== undefined) d.batchSize = this.r.batchSize;
    if (seq) d.sequence = { maxlen: seq.maxlen, padding: seq.padding, truncating: seq.truncating };
    if (bucket) {
      d.bucket = { boundaries: [...bucket.boundaries], batchSizes: [...bucket.batchSizes], padToBucketBoundary: bucket.padToBucketBoundary ?? false, auto: !this.r.bucket };
    }
    return d;
  }
}

function longest(items: readonly Prepared[]): number {
  let m = 0;
  for (const p of items) if (p.length > m) m = p.length;
  return m;
}

export function createPipeline(config: PipelineConfig): Pipeline {
  return new Pipeline(config);
}
