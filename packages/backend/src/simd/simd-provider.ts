// The fused kernels' MatMulProvider on rnnkit's SIMD module: products and activations run in the module's
// memory; JavaScript arrays are copied in once per call, results of a prepared product are returned as views.
import type { ActivationName } from '../recurrent/types.js';
import type { MatMulProvider, PreparedRight } from '../fused/matmul.js';
import type { SimdActivation } from './simd-activations.js';
import type { SimdKernels } from './simd-module.js';
import { simdSequenceInference } from './simd-sequence-inference.js';
import type { SequenceWorkers } from './sequence-workers.js';
import { simdCellSteps } from './simd-steps-provider.js';
import { matMulPackFloats } from './simd-matmul.js';
import { WasmHeap } from './wasm-heap.js';

/** k and n are walked in blocks so a block of b (256 x 256 floats, 256 KiB) stays in cache across a's rows. */
const K_BLOCK = 256;
const N_BLOCK = 256;
/**
 * b is stored with its rows 4 floats further apart than its width: with a power-of-two row stride the k rows an
 * inner loop walks fall into a few cache sets and evict each other (32 x 256 x 1024 ran at 60% speed).
 */
const ldbOf = (n: number) => n + 4;
/** Floats of scratch for activating arrays that live outside the module's memory, and for packing products' rows. */
const SCRATCH = 1 << 16;

const SIMD_NAMES = new Set<string>(['sigmoid', 'tanh', 'hardSigmoid', 'relu', 'relu6']);

/** Writes `row` into each of the m rows of c[m, n] by doubling copies. */
function fillRows(c: Float32Array, m: number, n: number, row: Float32Array): void {
  c.set(row.subarray(0, n));
  for (let filled = 1; filled < m; filled *= 2) c.copyWithin(filled * n, 0, Math.min(filled, m - filled) * n);
}

/** `workers`: the inference workers of the moment (Node), if any; whole-sequence inference splits batches across them. */
export function simdMatMulProvider(kernels: SimdKernels, workers?: () => SequenceWorkers | undefined): MatMulProvider {
  const heap = new WasmHeap(kernels.memory);
  const scratch = heap.alloc(SCRATCH);

  /** c (+)= a · b, k walked in blocks. */
  const product = (pa: number, pb: number, pc: number, m: number, k: number, n: number, accumulate: boolean): void => {
    const ldb = ldbOf(n);
    if (k === 0 && !accumulate) heap.f32.fill(0, pc / 4, pc / 4 + m * n);
    // The kernel packs a's row blocks into scratch: the shared block when it fits (step products), else its own.
    const packFloats = matMulPackFloats(m, Math.min(k, K_BLOCK));
    const pack = packFloats <= SCRATCH ? scratch : heap.alloc(packFloats);
    for (let n0 = 0; n0 < n; n0 += N_BLOCK) {
      const nc = Math.min(N_BLOCK, n - n0);
      for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
        const kc = Math.min(K_BLOCK, k - k0);
        kernels.matmul(pa + 4 * k0, pb + 4 * (k0 * ldb + n0), pc + 4 * n0, m, kc, nc, accumulate || k0 > 0 ? 1 : 0, k, ldb, n, pack);
      }
    }
    if (pack !== scratch) heap.free(pack);
  };

  /** Copies b[k, n] into the module's memory with the padded row stride; returns its pointer. */
  const placeRight = (b: Float32Array, k: number, n: number): number => {
    const ldb = ldbOf(n);
    const pb = heap.alloc(k * ldb);
    const mem = heap.f32;
    for (let r = 0; r < k; r++) mem.set(b.subarray(r * n, (r + 1) * n), pb / 4 + r * ldb);
    return pb;
  };

  const activateInPlace = (fn: (p: number, r: number, c: number, s: number) => void, a: Float32Array, offset: number, rows: number, cols: number, stride: number): void => {
    if (a.buffer === kernels.memory.buffer) {
      fn(a.byteOffset + 4 * offset, rows, cols, stride);
      return;
    }
    // Copy whole rows through the scratch block (one row at a time when a row is wider than the scratch).
    const perChunk = stride <= SCRATCH ? Math.max(1, Math.floor((SCRATCH - cols) / stride) + 1) : 1;
    for (let r0 = 0; r0 < rows; r0 += perChunk) {
      const nr = Math.min(perChunk, rows - r0);
      if (stride <= SCRATCH) {
        const start = offset + r0 * stride;
        const len = (nr - 1) * stride + cols;
        heap.f32.set(a.subarray(start, start + len), scratch / 4);
        fn(scratch, nr, cols, stride);
        a.set(heap.f32.subarray(scratch / 4, scratch / 4 + len), start);
      } else {
        for (let c0 = 0; c0 < cols; c0 += SCRATCH) {
          const start = offset + r0 * stride + c0;
          const len = Math.min(SCRATCH, cols - c0);
          heap.f32.set(a.subarray(start, start + len), scratch / 4);
          fn(scratch, 1, len, len);
          a.set(heap.f32.subarray(scratch / 4, scratch / 4 + len), start);
        }
      }
    }
  };

  return {
    name: 'wasm-simd',
    matMul(a, m, k, b, n, biasRow) {
      const pa = heap.alloc(m * k), pb = placeRight(b, k, n), pc = heap.alloc(m * n);
      try {
        heap.f32.set(a.subarray(0, m * k), pa / 4);
        if (biasRow) fillRows(heap.f32.subarray(pc / 4, pc / 4 + m * n), m, n, biasRow);
        product(pa, pb, pc, m, k, n, !!biasRow);
        return heap.f32.slice(pc / 4, pc / 4 + m * n);
      } finally {
        heap.free(pc);
        heap.free(pb);
        heap.free(pa);
      }
    },
    prepareRight(b, k, n): PreparedRight {
      const pb = placeRight(b, k, n);
      let rows = 0, pa = 0, pc = 0;
      const release = () => {
        if (rows === 0) return;
        heap.free(pc);
        heap.free(pa);
        rows = 0;
      };
      return {
        mul(a, m, addend) {
          if (m !== rows) {
            release();
            pa = heap.alloc(Math.max(1, m * k));
            pc = heap.alloc(Math.max(1, m * n));
            rows = m;
          }
          heap.f32.set(a.subarray(0, m * k), pa / 4);
          if (addend) heap.f32.set(addend.subarray(0, m * n), pc / 4);
          product(pa, pb, pc, m, k, n, !!addend);
          return heap.f32.subarray(pc / 4, pc / 4 + m * n);
        },
        dispose() {
          release();
          heap.free(pb);
        },
      };
    },
    steps: simdCellSteps(kernels, heap),
    sequenceInference: simdSequenceInference(kernels, heap, ldbOf, undefined, workers),
    activate(name: ActivationName, a, offset, rows, cols, stride) {
      if (name === 'linear') return true;
      if (!SIMD_NAMES.has(name) || rows === 0 || cols === 0) return rows === 0 || cols === 0;
      activateInPlace(kernels.activation[name as SimdActivation], a, offset, rows, cols, stride);
      return true;
    },
  };
}
