// The SIMD provider's whole-sequence inference: the inputs, the weights (rows padded as for the products), bias
// rows, state and mask go into the module's memory once, one call runs every step (simd-sequences.ts), and the
// outputs and final states come back. Sequences it does not cover return undefined (the per-step pass runs).
import type { CellKind, ForwardResult, SequenceData } from '@rnnkit/backend';
import { matMulPackFloats } from './simd-matmul.js';
import type { SimdKernels } from './simd-module.js';
import { SEQUENCE_ARRAYS, SEQUENCE_FLAGS } from './simd-sequences.js';
import type { WasmHeap } from './wasm-heap.js';

const GATES: Record<CellKind, number> = { lstm: 4, gru: 3, simpleRNN: 1 };
/** Each block starts on a 16-byte boundary. */
const whole = (floats: number) => Math.ceil(floats / 4) * 4;

export type SequenceInference = (cell: CellKind, d: SequenceData) => ForwardResult | undefined;

/**
 * The most module memory one whole-sequence call may take. Linear memory never shrinks, so one huge `predict` would
 * keep its peak for the life of the process (and wasm32 memory ends at 4 GiB); past this, the per-step pass runs,
 * whose blocks in the module are one step's size.
 */
export const SEQUENCE_INFERENCE_MAX_BYTES = 128 * 2 ** 20;

export function simdSequenceInference(
  kernels: SimdKernels, heap: WasmHeap, ldbOf: (n: number) => number, maxBytes = SEQUENCE_INFERENCE_MAX_BYTES,
): SequenceInference {
  return (cell, d) => {
    // Recurrent dropout is a training-time mask; GRU with the reset before the product has no module step.
    if (d.recurrentDropout || (cell === 'gru' && !d.resetAfter)) return undefined;
    const fn = kernels.sequences[cell === 'simpleRNN' ? `rnn_seq_${d.act.name}` : `${cell}_seq_${d.act.name}_${d.ract.name}`];
    if (!fn) return undefined;
    const { B, T, F, U } = d;
    const G = GATES[cell] * U;
    const ldb = ldbOf(G);
    const BU = B * U;
    // x gets a column of ones and the kernel the input bias as an extra row: the input product adds the bias.
    const Fx = F + 1;
    const sizes: Record<string, number> = {
      x: T * B * Fx, wk: Fx * ldb, wr: U * ldb, rb: cell === 'gru' ? G : 0, h: BU,
      ...(cell === 'lstm' ? { c: BU, z: B * G, gates: B * G, ac: BU } : {}),
      ...(cell === 'gru' ? { xp: B * G, rec: B * G, z: BU, r: BU, inner: BU, hh: BU, hNew: BU } : {}),
      ...(cell === 'simpleRNN' ? { z: BU } : {}),
      out: d.returnSequences ? B * T * U : 0,
      mask: d.mask ? T * B : 0,
      pack: matMulPackFloats(B, Math.max(Fx, U)),
    };
    const total = Object.values(sizes).reduce((s, n) => s + whole(n), 0);
    if (4 * total > maxBytes) return undefined;
    const base = heap.alloc(total);
    try {
      const at: Record<string, number> = {};
      let offset = base;
      for (const [name, n] of Object.entries(sizes)) {
        at[name] = offset / 4;
        offset += 4 * whole(n);
      }
      const mem = heap.f32;
      // Plain loops: a subarray view per row costs more than the copy at these widths.
      for (let r = 0, o = at.x, i = 0; r < T * B; r++) {
        for (let f = 0; f < F; f++) mem[o++] = d.x[i++];
        mem[o++] = 1;
      }
      for (let r = 0; r < F; r++) mem.set(d.kernel.subarray(r * G, (r + 1) * G), at.wk + r * ldb);
      const inputBias = mem.subarray(at.wk + F * ldb, at.wk + F * ldb + G);
      if (d.bias) inputBias.set(d.bias.subarray(0, G));
      else inputBias.fill(0);
      for (let r = 0; r < U; r++) mem.set(d.recurrentKernel.subarray(r * G, (r + 1) * G), at.wr + r * ldb);
      if (cell === 'gru') {
        // resetAfter: the recurrent bias row, added inside the step (it is scaled by r for the candidate).
        if (d.bias) mem.set(d.bias.subarray(G, 2 * G), at.rb);
        else mem.fill(0, at.rb, at.rb + G);
      }
      const put = (name: string, a: Float32Array) => mem.set(a, at[name]);
      put('h', d.initialState[0].subarray(0, BU));
      if (cell === 'lstm') put('c', d.initialState[1].subarray(0, BU));
      if (d.mask) {
        // [B*T] sample-major in, [T*B] time-major for the module (one step's rows contiguous).
        const m = mem.subarray(at.mask, at.mask + T * B);
        for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) m[t * B + b] = d.mask[b * T + t];
      }
      const flags = (d.returnSequences ? SEQUENCE_FLAGS.returnSequences : 0) | (d.goBackwards ? SEQUENCE_FLAGS.goBackwards : 0)
        | (d.zeroOutputForMask ? SEQUENCE_FLAGS.zeroOutputForMask : 0);
      fn(...SEQUENCE_ARRAYS[cell].map((k) => 4 * at[k]), d.mask ? 4 * at.mask : 0, B, T, Fx, U, ldb, flags);

      const read = (name: string, n: number) => heap.f32.slice(at[name], at[name] + n);
      const h = read('h', BU);
      const states = cell === 'lstm' ? [h, read('c', BU)] : [h];
      return { outputs: d.returnSequences ? read('out', B * T * U) : lastOutputs(d, h), states };
    } finally {
      heap.free(base);
    }
  };
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
