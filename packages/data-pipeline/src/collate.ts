// Turning a group of prepared samples into one Batch of typed arrays: padding, mask, lengths, targets, weights.
// The layout (feature size, fixed length, target width) is fixed by the first sample and checked for every other.
import { SampleError, describeValue } from './errors.js';
import { checkFeatureSize, checkValue, featureSizeOf, writeSteps, type SampleRef } from './sequence-values.js';
import type { ArrayData, Batch, Dtype } from './types.js';

export interface Prepared {
  id: number;
  line?: number;
  /** The whole x; steps [start, start + length) are used. */
  x: ArrayLike<unknown>;
  start: number;
  length: number;
  y?: number | ArrayLike<number>;
  weight?: number;
}

export interface LayoutOptions {
  sequence: boolean;
  padding: 'pre' | 'post';
  value: number;
  xDtype: Dtype;
  yDtype: Dtype;
  /** y is a per-step target sequence, truncated and padded exactly like x (sequence labelling). */
  sequenceTargets: boolean;
  targetValue: number;
}

const FN = 'pipeline';

/** What every sample must agree on; learnt from the first sample. */
export class Layout {
  features: number | undefined;
  fixedLength: number | undefined;
  yWidth: number | undefined; // 0 for scalar targets, k for k-vectors, -1 for none

  constructor(readonly o: LayoutOptions) {}

  /** Checks a sample's shape and returns its feature size (0 for scalars per step). */
  checkX(x: unknown, ref: SampleRef): number {
    const f = featureSizeOf(x, ref);
    checkFeatureSize(this.features, f, ref);
    if (f !== undefined) this.features ??= f;
    const len = (x as ArrayLike<unknown>).length;
    if (!this.o.sequence) {
      if (this.fixedLength !== undefined && len !== this.fixedLength) {
        throw new SampleError(FN, ref.id, ref.line,
          `ragged x: expected length ${this.fixedLength} as earlier samples (set 'sequence' to pad variable lengths), got ${len}`);
      }
      this.fixedLength ??= len;
    }
    return f ?? this.features ?? 0;
  }

  checkY(y: unknown, ref: SampleRef, xLength: number): void {
    if (this.o.sequenceTargets) return this.checkSequenceY(y, ref, xLength);
    const width = y === undefined ? -1 : typeof y === 'number' ? 0 : (y as ArrayLike<number>)?.length;
    if (width === undefined || (typeof y !== 'number' && y !== undefined && (y === null || typeof y !== 'object'))) {
      throw new SampleError(FN, ref.id, ref.line, `y must be a number or an array of numbers, got ${describeValue(y)}`);
    }
    if (this.yWidth === undefined) this.yWidth = width;
    if (width !== this.yWidth) {
      const what = (w: number): string => (w === -1 ? 'no y' : w === 0 ? 'a scalar y' : `y of length ${w}`);
      throw new SampleError(FN, ref.id, ref.line, `inconsistent targets: expected ${what(this.yWidth)} as earlier samples, got ${what(width)}`);
    }
  }

  /** Per-step targets: one target (a number or a K-vector) per x step. */
  private checkSequenceY(y: unknown, ref: SampleRef, xLength: number): void {
    const f = featureSizeOf(y, { ...ref, fn: `${FN} (y)` });
    const len = (y as ArrayLike<unknown>).length;
    if (len !== xLength) {
      throw new SampleError(FN, ref.id, ref.line, `per-step targets: y must have one step per x step (${xLength}), got ${len}`);
    }
    if (f === undefined) return;
    if (this.yWidth !== undefined && f !== this.yWidth) {
      const what = (w: number): string => (w === 0 ? 'one number' : `${w} numbers`);
      throw new SampleError(FN, ref.id, ref.line, `per-step targets: expected ${what(this.yWidth)} per step as earlier samples, got ${what(f)}`);
    }
    this.yWidth = f;
  }
}

export interface Collated {
  batch: Omit<Batch, 'epoch' | 'index'>;
  realSteps: number;
  paddedSteps: number;
}

/** Stacks the group into a batch; `padTo` is the time length for sequence pipelines. */
export function collate(items: readonly Prepared[], layout: Layout, padTo: number): Collated {
  const o = layout.o;
  const B = items.length;
  const F = layout.features ?? 0;
  const width = Math.max(F, 1);
  const T = o.sequence ? padTo : layout.fixedLength ?? 0;
  const size = B * T * width;
  const data = o.xDtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
  if (o.sequence && o.value !== 0) data.fill(o.value);
  const ids = new Array<number>(B);
  let realSteps = 0;
  const mask = o.sequence ? new Float32Array(B * T) : undefined;
  const lengths = o.sequence ? new Int32Array(B) : undefined;
  for (let r = 0; r < B; r++) {
    const s = items[r];
    ids[r] = s.id;
    const ref = { fn: FN, id: s.id, line: s.line };
    const col = o.sequence && o.padding === 'pre' ? T - s.length : 0;
    writeSteps(data, (r * T + col) * width, s.x, s.start, s.length, F, o.xDtype, ref);
    if (mask && lengths) {
      mask.fill(1, r * T + col, r * T + col + s.length);
      lengths[r] = s.length;
    }
    realSteps += s.length;
  }
  const x: ArrayData = { data, shape: F === 0 ? [B, T] : [B, T, F] };
  const batch: Collated['batch'] = { ids, x };
  if (mask && lengths) {
    batch.mask = { data: mask, shape: [B, T] };
    batch.lengths = lengths;
  }
  const y = layout.o.sequenceTargets ? collateSequenceY(items, layout, T) : collateY(items, layout);
  if (y) batch.y = y;
  if (items.some((s) => s.weight !== undefined)) {
    batch.sampleWeight = Float32Array.from(items, (s) => checkValue(s.weight ?? 1, 'float32', { fn: FN, id: s.id, line: s.line }, 0));
  }
  return { batch, realSteps: o.sequence ? realSteps : B * T, paddedSteps: o.sequence ? B * T - realSteps : 0 };
}

function collateY(items: readonly Prepared[], layout: Layout): ArrayData | undefined {
  const w = layout.yWidth ?? -1;
  if (w === -1) return undefined;
  const B = items.length;
  const dtype = layout.o.yDtype;
  const data = dtype === 'int32' ? new Int32Array(B * Math.max(w, 1)) : new Float32Array(B * Math.max(w, 1));
  for (let r = 0; r < B; r++) {
    const s = items[r];
    const ref = { fn: FN, id: s.id, line: s.line };
    if (w === 0) data[r] = checkValue(s.y, dtype, ref, 0);
    else for (let k = 0; k < w; k++) data[r * w + k] = checkValue((s.y as ArrayLike<number>)[k], dtype, ref, 0, k);
  }
  return { data, shape: w === 0 ? [B] : [B, w] };
}

function collateSequenceY(items: readonly Prepared[], layout: Layout, T: number): ArrayData {
  const o = layout.o;
  const K = layout.yWidth ?? 0;
  const width = Math.max(K, 1);
  const B = items.length;
  const data = o.yDtype === 'int32' ? new Int32Array(B * T * width) : new Float32Array(B * T * width);
  if (o.targetValue !== 0) data.fill(o.targetValue);
  for (let r = 0; r < B; r++) {
    const s = items[r];
    const col = o.padding === 'pre' ? T - s.length : 0;
    writeSteps(data, (r * T + col) * width, s.y as ArrayLike<unknown>, s.start, s.length, K, o.yDtype, { fn: `${FN} (y)`, id: s.id, line: s.line });
  }
  return { data, shape: K === 0 ? [B, T] : [B, T, K] };
}
