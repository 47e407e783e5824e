// The epoch manifest: which sample ids went into which batch of which epoch, and why any sample did not.
// Recorded as batches are yielded, so coverage() reports what the consumer really received.
import { IdCounts, IntList } from './id-counts.js';

export interface TruncationCoverage {
  samples: number;
  stepsCut: number;
  ids: number[];
}

export interface PaddingCoverage {
  /** Real steps across all yielded rows. */
  realSteps: number;
  /** Padded steps across all yielded rows. */
  paddedSteps: number;
  /** paddedSteps / (realSteps + paddedSteps); 0 when there were no steps. */
  fraction: number;
}

export interface EpochCoverage {
  epoch: number;
  /** False when the consumer stopped before the epoch ended. */
  complete: boolean;
  batches: number;
  /** Rows yielded, counting repeats. */
  yielded: number;
  /** Distinct ids yielded. */
  seen: number;
  /** Ids the source has produced (in any epoch) that were not yielded in this epoch; includes the dropped ones. */
  neverSeen: number[];
  /** Ids yielded more than once in this epoch. */
  seenTwice: number[];
  droppedByFilter: number[];
  droppedByRemainder: number[];
  truncated: TruncationCoverage;
  padding: PaddingCoverage;
  /** Rows per batch, in yield order. */
  batchSizes: number[];
  /** Ids in yield order (absent when the pipeline was created with recordOrder: false). */
  order?: number[];
}

export type ShuffleDescription =
  | { kind: 'none' }
  | { kind: 'full'; seed: number }
  | { kind: 'buffer'; seed: number; bufferSize: number };

export interface PipelineDescription {
  shuffle: ShuffleDescription;
  batchSize?: number;
  remainder: 'keep' | 'drop';
  filter: boolean;
  sequence?: { maxlen?: number; padding: 'pre' | 'post'; truncating: 'pre' | 'post' };
  bucket?: { boundaries: number[]; batchSizes: number[]; padToBucketBoundary: boolean; auto: boolean };
}

export interface PipelineWarning {
  code: 'SMALL_SHUFFLE_BUFFER_ON_SORTED_DATA';
  epoch: number;
  message: string;
}

/** JSON-serialisable; what the diagnostics package audits. */
export interface CoverageReport {
  /** Distinct sample ids the source has produced so far. */
  totalSamples: number;
  epochs: EpochCoverage[];
  pipeline: PipelineDescription;
  warnings: PipelineWarning[];
}

/** Live record of one epoch pass. */
export class EpochRecorder {
  private counts = new IdCounts();
  readonly order: IntList | undefined;
  readonly filtered: number[] = [];
  readonly remainder: number[] = [];
  readonly truncated: TruncationCoverage = { samples: 0, stepsCut: 0, ids: [] };
  readonly batchSizes: number[] = [];
  realSteps = 0;
  paddedSteps = 0;
  complete = false;
  frozen: EpochCoverage | undefined;

  constructor(readonly epoch: number, recordOrder: boolean, private readonly universe: IdCounts) {
    this.order = recordOrder ? new IntList() : undefined;
  }

  sourced(id: number): void {
    this.universe.add(id);
  }

  filteredOut(id: number): void {
    this.filtered.push(id);
  }

  truncatedSample(id: number, stepsCut: number): void {
    this.truncated.samples++;
    this.truncated.stepsCut += stepsCut;
    this.truncated.ids.push(id);
  }

  droppedByRemainder(ids: readonly number[]): void {
    for (const id of ids) this.remainder.push(id);
  }

  batch(ids: readonly number[], realSteps: number, paddedSteps: number): void {
    for (const id of ids) {
      this.counts.add(id);
      this.order?.push(id);
    }
    this.batchSizes.push(ids.length);
    this.realSteps += realSteps;
    this.paddedSteps += paddedSteps;
  }

  /** Marks the pass finished and freezes its summary so the per-id counters can be freed. */
  finish(): void {
    this.complete = true;
    this.frozen = this.summary(false); // the order stays compact in the IntList; expanded on each coverage() call
    this.counts = new IdCounts();
  }

  summary(includeOrder = true): EpochCoverage {
    if (this.frozen) return this.order && includeOrder ? { ...this.frozen, order: this.order.toArray() } : { ...this.frozen };
    const neverSeen: number[] = [];
    const seenTwice: number[] = [];
    for (const id of this.universe.ids()) if (this.counts.get(id) === 0) neverSeen.push(id);
    for (const id of this.counts.ids()) if (this.counts.get(id) > 1) seenTwice.push(id);
    const steps = this.realSteps + this.paddedSteps;
    const out: EpochCoverage = {
      epoch: this.epoch,
      complete: this.complete,
      batches: this.batchSizes.length,
      yielded: this.batchSizes.reduce((a, b) => a + b, 0),
      seen: this.counts.distinct,
      neverSeen,
      seenTwice,
      droppedByFilter: [...this.filtered],
      droppedByRemainder: [...this.remainder],
      truncated: { ...this.truncated, ids: [...this.truncated.ids] },
      padding: { realSteps: this.realSteps, paddedSteps: this.paddedSteps, fraction: steps === 0 ? 0 : this.paddedSteps / steps },
      batchSizes: [...this.batchSizes],
    };
    if (this.order && includeOrder) out.order = this.order.toArray();
    return out;
  }
}

export class EpochManifest {
  private readonly universe = new IdCounts();
  private readonly epochs = new Map<number, EpochRecorder>();
  readonly warnings: PipelineWarning[] = [];

  constructor(private readonly describe: () => PipelineDescription, private readonly recordOrder = true) {}

  /** Starts (or restarts: a re-run replaces the earlier record) the record of one epoch. */
  beginEpoch(epoch: number): EpochRecorder {
    const r = new EpochRecorder(epoch, this.recordOrder, this.universe);
    this.epochs.set(epoch, r);
    return r;
  }

  get totalSamples(): number {
    return this.universe.distinct;
  }

  warn(w: PipelineWarning): void {
    this.warnings.push(w);
  }

  /** The report; `includeOrder: false` leaves out the per-epoch id order (one number per sample per epoch). */
  coverage(options: { includeOrder?: boolean } = {}): CoverageReport {
    const includeOrder = options.includeOrder ?? true;
    const epochs = [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch).map((r) => r.summary(includeOrder));
    return { totalSamples: this.universe.distinct, epochs, pipeline: this.describe(), warnings: [...this.warnings] };
  }
}
