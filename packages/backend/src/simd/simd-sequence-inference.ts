// The SIMD provider's whole-sequence inference: the inputs, the weights (rows padded as for the products), bias
// rows, state and mask go into the module's memory once, one call runs every step (simd-sequences.ts), and the
// outputs and final states come back. Sequences it does not cover return undefined (the per-step pass runs).
// With inference workers (Node), a large enough batch is split by rows: the workers run their rows while this
// thread runs the first ones.
import type { CellKind } from '../recurrent/types.js';
import type { ForwardResult, SequenceData } from '../fused/sequence-data.js';
import type { SimdKernels } from './simd-module.js';
import { sequenceFunctionName } from './simd-sequences.js';
import { GATES } from '../recurrent/cell-layout.js';
import { type BatchResults, blockPointers, readSequenceBlock, type SequenceBlock, sequenceBlock, writeSequenceBlock } from './sequence-block.js';
import type { SequenceWorkers } from './sequence-workers.js';
import type { WasmHeap } from './wasm-heap.js';

export type SequenceInference = (cell: CellKind, d: SequenceData) => ForwardResult | undefined;

/**
 * The most module memory one whole-sequence call may take. Linear memory never shrinks, so one huge `predict` would
 * keep its peak for the life of the process (and wasm32 memory ends at 4 GiB); past this, the per-step pass runs,
 * whose blocks in the module are one step's size.
 */
export const SEQUENCE_INFERENCE_MAX_BYTES = 128 * 2 ** 20;

/**
 * Below this many floating-point operations a sequence runs on one thread: handing rows to a worker and waking it
 * costs about 100 microseconds (measured), the time of a few million operations on one thread.
 */
export const PARALLEL_MIN_FLOPS = 1.6e7;

/** Each thread gets whole 4-row blocks (the product's register block); the last part takes the leftover rows. */
export function splitRows(B: number, parts: number): [number, number][] {
  const blocks = Math.floor(B / 4);
  const n = Math.max(1, Math.min(parts, blocks));
  const out: [number, number][] = [];
  for (let p = 0, b0 = 0; p < n; p++) {
    const rows = 4 * (Math.floor(blocks / n) + (p < blocks % n ? 1 : 0)) + (p === n - 1 ? B % 4 : 0);
    out.push([b0, rows]);
    b0 += rows;
  }
  return out;
}

/**
 * The module's whole inference pass for this cell and activations; undefined for a GRU with the reset before the
 * product (the module has no step for it) and for activations it lacks.
 */
export function sequenceFunctionFor(kernels: SimdKernels, cell: CellKind, act: string, ract: string, resetAfter: boolean): ((...args: number[]) => void) | undefined {
  if (cell === 'gru' && !resetAfter) return undefined;
  return kernels.sequences[sequenceFunctionName(cell, act, ract)];
}

export function simdSequenceInference(
  kernels: SimdKernels, heap: WasmHeap, ldbOf: (n: number) => number, maxBytes = SEQUENCE_INFERENCE_MAX_BYTES,
  workers: () => SequenceWorkers | undefined = () => undefined,
): SequenceInference {
  return (cell, d) => {
    // Recurrent dropout is a training-time mask.
    if (d.recurrentDropout) return undefined;
    const fn = sequenceFunctionFor(kernels, cell, d.act.name, d.ract.name, d.resetAfter);
    if (!fn) return undefined;
    const name = sequenceFunctionName(cell, d.act.name, d.ract.name);
    const { B, T, F, U } = d;
    const G = GATES[cell] * U;
    const ldb = ldbOf(G);
    const wholeBatch = sequenceBlock(cell, d, 0, B, ldb);
    if (4 * wholeBatch.total > maxBytes) return undefined;

    const pool = workers();
    const threads = pool && !pool.lost && 2 * T * B * (F + 1 + U) * G >= PARALLEL_MIN_FLOPS ? pool.count + 1 : 1;
    const blocks = threads === 1 ? [wholeBatch] : splitRows(B, threads).map(([b0, rows]) => sequenceBlock(cell, d, b0, rows, ldb));
    const into: BatchResults = {
      h: new Float32Array(B * U),
      c: cell === 'lstm' ? new Float32Array(B * U) : undefined,
      out: d.returnSequences ? new Float32Array(B * T * U) : undefined,
    };
    // Workers first, so they start while this thread fills and runs its own block.
    const waits = blocks.slice(1).map((block, i) => pool!.start(i, name, block, d, ldb, into));
    let failure: unknown;
    try {
      runHere(fn, heap, blocks[0], d, ldb, into);
    } catch (e) {
      failure = e;
    }
    // Every worker is waited for, even after a failure here: their buffers are in use until they answer.
    for (const wait of waits) {
      try {
        wait();
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
    const states = into.c ? [into.h, into.c] : [into.h];
    return { outputs: into.out ?? lastOutputs(d, into.h), states };
  };
}

function runHere(fn: (...args: number[]) => void, heap: WasmHeap, block: SequenceBlock, d: SequenceData, ldb: number, into: BatchResults): void {
  const base = heap.alloc(block.total);
  try {
    writeSequenceBlock(heap.f32, base / 4, block, d, ldb);
    fn(...blockPointers(block, !!d.mask, base), ...block.scalars);
    readSequenceBlock(heap.f32, base / 4, block, d, into);
  } finally {
    heap.free(base);
  }
}

/** The last real output of each sample: h, except zeros for a sample with no real step (Keras emits nothing then). */
function lastOutputs(d: SequenceData, h: Float32Array): Float32Array {
  const out = h.slice();
  if (!d.mask) return out;
  for (let b = 0; b < d.B; b++) {
    let real = false;
    for (let t = 0; t < d.T && !real; t++) real = d.mask[b * d.T + t] !== 0;
    if (!real) out.fill(0, b * d.U, (b + 1) * d.U);
  }
  return out;
}
