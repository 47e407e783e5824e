// The block of module memory one whole-sequence call works in, for the batch rows [b0, b0 + rows) of a sequence:
// x time-major with a column of ones, the kernel with the input bias as an extra row, the recurrent kernel, state,
// scratch, outputs and the time-major mask, each on a 16-byte boundary. Offsets are in floats from the block's
// start, so the same block can be filled in this thread's module memory or in a buffer another thread copies in.
import type { CellKind } from '../recurrent/types.js';
import { GATES } from '../recurrent/cell-layout.js';
import type { SequenceData } from '../fused/sequence-data.js';
import { matMulPackFloats } from './simd-matmul.js';
import { SEQUENCE_ARRAYS, SEQUENCE_FLAGS } from './simd-sequences.js';

const whole = (floats: number) => Math.ceil(floats / 4) * 4;

/** The results of a whole batch, which each block fills at its rows. */
export interface BatchResults {
  h: Float32Array;
  c?: Float32Array;
  out?: Float32Array;
}

export interface SequenceBlock {
  readonly cell: CellKind;
  /** First batch row and row count of this block. */
  readonly b0: number;
  readonly rows: number;
  /** Floats the block takes (a multiple of 4). */
  readonly total: number;
  /** Float offset of each array from the block's start. */
  readonly at: Readonly<Record<string, number>>;
  /** The sequence function's scalar arguments after the mask pointer: rows, T, F + 1, U, ldb, flags. */
  readonly scalars: readonly number[];
}

/** The layout of rows [b0, b0 + rows) of `d`; `ldb` is the padded row stride of the weights. */
export function sequenceBlock(cell: CellKind, d: SequenceData, b0: number, rows: number, ldb: number): SequenceBlock {
  const { T, F, U } = d;
  const G = GATES[cell] * U;
  const BU = rows * U;
  const Fx = F + 1;
  const sizes: Record<string, number> = {
    x: T * rows * Fx, wk: Fx * ldb, wr: U * ldb, rb: cell === 'gru' ? G : 0, h: BU,
    ...(cell === 'lstm' ? { c: BU, z: rows * G, gates: rows * G, ac: BU } : {}),
    ...(cell === 'gru' ? { xp: rows * G, rec: rows * G, z: BU, r: BU, inner: BU, hh: BU, hNew: BU } : {}),
    ...(cell === 'simpleRNN' ? { z: BU } : {}),
    out: d.returnSequences ? rows * T * U : 0,
    mask: d.mask ? T * rows : 0,
    pack: matMulPackFloats(rows, Math.max(Fx, U)),
  };
  const at: Record<string, number> = {};
  let total = 0;
  for (const [name, n] of Object.entries(sizes)) {
    at[name] = total;
    total += whole(n);
  }
  const flags = (d.returnSequences ? SEQUENCE_FLAGS.returnSequences : 0) | (d.goBackwards ? SEQUENCE_FLAGS.goBackwards : 0)
    | (d.zeroOutputForMask ? SEQUENCE_FLAGS.zeroOutputForMask : 0);
  return { cell, b0, rows, total, at, scalars: [rows, T, Fx, U, ldb, flags] };
}

/** Byte pointers of the sequence function's array arguments and its mask (0: none), for a block at byte `base`. */
export function blockPointers(block: SequenceBlock, hasMask: boolean, base: number): number[] {
  return [...SEQUENCE_ARRAYS[block.cell].map((k) => base + 4 * block.at[k]), hasMask ? base + 4 * block.at.mask : 0];
}

/** Writes the block's inputs into `mem` starting at float `base`. */
export function writeSequenceBlock(mem: Float32Array, base: number, block: SequenceBlock, d: SequenceData, ldb: number): void {
  const { cell, b0, rows, at } = block;
  const { B, T, F, U } = d;
  const G = GATES[cell] * U;
  // Plain loops: a subarray view per row costs more than the copy at these widths.
  for (let t = 0, o = base + at.x; t < T; t++) {
    for (let r = 0, i = (t * B + b0) * F; r < rows; r++) {
      for (let f = 0; f < F; f++) mem[o++] = d.x[i++];
      mem[o++] = 1;
    }
  }
  const wk = base + at.wk, wr = base + at.wr;
  for (let r = 0; r < F; r++) mem.set(d.kernel.subarray(r * G, (r + 1) * G), wk + r * ldb);
  const inputBias = mem.subarray(wk + F * ldb, wk + F * ldb + G);
  if (d.bias) inputBias.set(d.bias.subarray(0, G));
  else inputBias.fill(0);
  for (let r = 0; r < U; r++) mem.set(d.recurrentKernel.subarray(r * G, (r + 1) * G), wr + r * ldb);
  if (cell === 'gru') {
    // resetAfter: the recurrent bias row, added inside the step (it is scaled by r for the candidate).
    if (d.bias) mem.set(d.bias.subarray(G, 2 * G), base + at.rb);
    else mem.fill(0, base + at.rb, base + at.rb + G);
  }
  const rowsOf = (a: Float32Array) => a.subarray(b0 * U, (b0 + rows) * U);
  mem.set(rowsOf(d.initialState[0]), base + at.h);
  if (cell === 'lstm') mem.set(rowsOf(d.initialState[1]), base + at.c);
  if (d.mask) {
    // [B*T] sample-major in, [T*rows] time-major for the module (one step's rows contiguous).
    const m = base + at.mask;
    for (let r = 0; r < rows; r++) for (let t = 0; t < T; t++) mem[m + t * rows + r] = d.mask[(b0 + r) * T + t];
  }
}

/** The float ranges [offset, length] a call leaves its results in: h, c (LSTM), and the outputs with returnSequences. */
export function resultRanges(block: SequenceBlock, d: SequenceData): [number, number][] {
  const BU = block.rows * d.U;
  return [
    [block.at.h, BU],
    ...(block.cell === 'lstm' ? [[block.at.c, BU] as [number, number]] : []),
    ...(d.returnSequences ? [[block.at.out, BU * d.T] as [number, number]] : []),
  ];
}

/** Copies the block's results from `mem` (block at float `base`) into the whole batch's h, c and outputs. */
export function readSequenceBlock(mem: Float32Array, base: number, block: SequenceBlock, d: SequenceData, into: BatchResults): void {
  const { b0, rows, at } = block;
  const U = d.U;
  into.h.set(mem.subarray(base + at.h, base + at.h + rows * U), b0 * U);
  if (into.c) into.c.set(mem.subarray(base + at.c, base + at.c + rows * U), b0 * U);
  // [rows, T, U] sample-major: the block's samples are one contiguous run of the batch's outputs.
  if (into.out) into.out.set(mem.subarray(base + at.out, base + at.out + rows * d.T * U), b0 * d.T * U);
}
