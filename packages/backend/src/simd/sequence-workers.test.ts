import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationName, CellKind } from '../recurrent/types.js';
import type { ScalarActivation } from '../fused/activation-math.js';
import type { SequenceData } from '../fused/sequence-data.js';
import { seededRandom } from '../testing/cases.js';
import { sequenceBlock } from './sequence-block.js';
import { type SequenceWorkers, startSequenceWorkers } from './sequence-workers.js';
import { instantiateSimdKernelsSync, simdModuleBytes } from './simd-module.js';
import { PARALLEL_MIN_FLOPS, simdSequenceInference, splitRows } from './simd-sequence-inference.js';
import { WasmHeap } from './wasm-heap.js';

const GATES: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };
const act = (name: ActivationName) => ({ name }) as ScalarActivation;

function sequence(cell: CellKind, B: number, T: number, F: number, U: number, over: Partial<SequenceData> = {}): SequenceData {
  const rnd = seededRandom(B * 1000 + T * 10 + U);
  const arr = (n: number, s: number) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * s);
  const G = GATES[cell] * U;
  return {
    B, T, F, U, x: arr(T * B * F, 1), kernel: arr(F * G, 0.4), recurrentKernel: arr(U * G, 0.2),
    bias: arr(cell === 'gru' ? 2 * G : G, 0.2), initialState: [arr(B * U, 0.5), arr(B * U, 0.5)],
    goBackwards: false, returnSequences: false, zeroOutputForMask: true, act: act('tanh'), ract: act('sigmoid'),
    resetAfter: true, saveForBackward: false, ...over,
  };
}

/** 'holes': sample 0 has no real step, sample 5 starts masked, every seventh sample has a hole at t = 1. */
const holes = (B: number, T: number) => Uint8Array.from({ length: B * T }, (_, i) => {
  const b = Math.floor(i / T), t = i % T;
  return b === 0 || (b === 5 && t < 2) || (b % 7 === 3 && t === 1) ? 0 : 1;
});

describe('splitRows', () => {
  it('gives each thread whole 4-row blocks and the last one the leftover rows', () => {
    expect(splitRows(32, 2)).toEqual([[0, 16], [16, 16]]);
    expect(splitRows(33, 2)).toEqual([[0, 16], [16, 17]]);
    expect(splitRows(20, 3)).toEqual([[0, 8], [8, 8], [16, 4]]);
    expect(splitRows(10, 3)).toEqual([[0, 4], [4, 6]]);
    expect(splitRows(3, 4)).toEqual([[0, 3]]);
    expect(splitRows(64, 1)).toEqual([[0, 64]]);
  });
});

describe('whole-sequence inference split across worker threads', () => {
  let pool: SequenceWorkers;
  const kernels = instantiateSimdKernelsSync()!;
  const heap = new WasmHeap(kernels.memory);
  let started = 0;
  const counted = (): SequenceWorkers => ({
    count: pool.count,
    get lost() {
      return pool.lost;
    },
    start(...a) {
      started++;
      return pool.start(...a);
    },
    terminate: () => pool.terminate(),
  });
  const single = simdSequenceInference(kernels, heap, (n) => n + 4);
  const threaded = simdSequenceInference(kernels, heap, (n) => n + 4, undefined, counted);
  beforeAll(async () => {
    pool = (await startSequenceWorkers(2, simdModuleBytes()))!;
  });
  afterAll(async () => {
    await pool.terminate();
  });

  const cases: [string, CellKind, Partial<SequenceData>][] = [
    ['lstm', 'lstm', {}],
    ['lstm, returnSequences, masked, goBackwards', 'lstm', { returnSequences: true, goBackwards: true, zeroOutputForMask: false }],
    ['gru, returnSequences, masked', 'gru', { returnSequences: true }],
    ['gru, hardSigmoid', 'gru', { ract: act('hardSigmoid') }],
    ['simpleRNN, relu, masked', 'simpleRNN', { act: act('relu') }],
  ];
  it.each(cases)('gives the single-thread results exactly: %s', (name, cell, over) => {
    // 37 rows: three threads of 12, 12 and 13 (a single-row tail on the last); enough work to pass the threshold.
    const [B, T, F, U] = [37, 20, 5, cell === 'simpleRNN' ? 128 : 64];
    const masked = name.includes('masked');
    const d = sequence(cell, B, T, F, U, { ...over, mask: masked ? holes(B, T) : undefined });
    expect(2 * T * B * (F + 1 + U) * GATES[cell] * U).toBeGreaterThanOrEqual(PARALLEL_MIN_FLOPS);
    const before = started;
    const want = single(cell, d)!;
    const got = threaded(cell, d)!;
    expect(started - before, 'two workers took rows').toBe(2);
    expect(got.outputs.length).toBe(want.outputs.length);
    expect(Array.from(got.outputs)).toEqual(Array.from(want.outputs));
    expect(got.states.map((s) => Array.from(s))).toEqual(want.states.map((s) => Array.from(s)));
    if (masked && !over.returnSequences) expect(Array.from(got.outputs.subarray(0, U)).every((v) => v === 0)).toBe(true);
  });

  it('keeps small sequences on the calling thread', () => {
    const before = started;
    const d = sequence('lstm', 8, 3, 2, 4);
    expect(2 * 3 * 8 * 7 * 16).toBeLessThan(PARALLEL_MIN_FLOPS);
    expect(threaded('lstm', d)).toBeDefined();
    expect(started).toBe(before);
  });

  it("reports a worker's error with its text, and the rows it was given are not taken as done", () => {
    const d = sequence('lstm', 8, 2, 3, 4);
    const block = sequenceBlock('lstm', d, 4, 4, 20);
    const into = { h: new Float32Array(32), c: new Float32Array(32) };
    const wait = pool.start(0, 'no_such_function', block, d, 20, into);
    expect(wait).toThrow(/^rnnkit SIMD module: inference worker 0 failed: Error: the SIMD module has no function no_such_function\n/);
    expect(Array.from(into.h).every((v) => v === 0)).toBe(true);
    expect(pool.lost).toBe(false);
    // The worker answers the next block as usual.
    const ok = pool.start(0, 'lstm_seq_tanh_sigmoid', block, d, 20, into);
    ok();
    expect(Array.from(into.h.subarray(16)).some((v) => v !== 0)).toBe(true);
  });
});

describe('startSequenceWorkers', () => {
  it("rejects, with the worker's reason, when a worker cannot start", async () => {
    await expect(startSequenceWorkers(1, Uint8Array.of(0, 1, 2, 3))).rejects.toThrow(/^rnnkit SIMD module: an inference worker failed to start: .*WebAssembly/);
  });

  it('starts nothing for a count below one', async () => {
    expect(await startSequenceWorkers(0, simdModuleBytes())).toBeUndefined();
  });
});
