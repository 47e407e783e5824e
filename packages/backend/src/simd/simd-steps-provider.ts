// Runs the module's cell step kernels on the fused kernels' arrays: JavaScript arrays are copied through one
// scratch block; arrays that are already views of the module's memory (a product just returned) are used in place.
import type { CellStepKernels } from '../fused/step-kernels.js';
import type { SimdKernels } from './simd-module.js';
import { stepFunctionName } from './simd-cell-steps.js';
import type { WasmHeap } from './wasm-heap.js';

/** in: read by the kernel; out: written by it; sink: written by it, not wanted (a length: scratch only). */
type Arg = readonly [a: Float32Array, mode: 'in' | 'out' | 'inout'] | readonly [length: number, mode: 'sink'];

/** Floats per scratch slot are rounded up to whole vectors. */
const slotSize = (n: number) => Math.ceil(n / 4) * 4;

export function simdCellSteps(kernels: SimdKernels, heap: WasmHeap): CellStepKernels {
  let scratch = 0, capacity = 0;

  const run = (name: string, args: Arg[], mask: Float32Array | undefined, B: number, U: number): boolean => {
    const fn = kernels.steps[name];
    if (!fn) return false;
    const own = (a: Float32Array | number) => typeof a !== 'number' && a.buffer === kernels.memory.buffer;
    const size = (a: Float32Array | number) => (typeof a === 'number' ? a : a.length);
    const need = (list: readonly Arg[]) => list.reduce((s, [a]) => s + (own(a) ? 0 : slotSize(size(a))), mask ? slotSize(B) : 0);
    let list = args;
    if (need(list) > capacity) {
      // Growing the memory detaches views of it: copy the inputs that are views first (outputs never are).
      list = list.map((arg) => {
        const [a, mode] = arg;
        if (typeof a === 'number' || !own(a)) return arg;
        if (mode !== 'in') throw new Error(`step kernel ${name}: an output array is a view of the module's memory`);
        return [a.slice(), mode] as const;
      });
      if (capacity > 0) heap.free(scratch);
      capacity = Math.max(need(list), 2 * capacity);
      scratch = heap.alloc(capacity);
    }
    const mem = heap.f32;
    let slot = scratch;
    const place = (a: Float32Array | number, copyIn: boolean): number => {
      if (typeof a !== 'number' && own(a)) return a.byteOffset;
      const p = slot;
      if (copyIn && typeof a !== 'number') mem.set(a, p / 4);
      slot += 4 * slotSize(size(a));
      return p;
    };
    const ptrs = list.map(([a, mode]) => place(a, mode === 'in' || mode === 'inout'));
    const maskPtr = mask ? place(mask, true) : 0;
    fn(...ptrs, maskPtr, B, U);
    list.forEach(([a, mode], i) => {
      if ((mode === 'out' || mode === 'inout') && typeof a !== 'number' && !own(a)) a.set(mem.subarray(ptrs[i] / 4, ptrs[i] / 4 + a.length));
    });
    return true;
  };

  return {
    lstmForward: (s) => {
      const gates: Arg = s.gates ? [s.gates, 'out'] : [4 * s.B * s.U, 'sink'];
      const ac: Arg = s.ac ? [s.ac, 'out'] : [s.B * s.U, 'sink'];
      return run(stepFunctionName('lstm', 'fwd', s.act, s.ract), [[s.z, 'in'], [s.c, 'inout'], gates, ac, [s.h, 'out']], s.mask, s.B, s.U);
    },
    lstmBackward: (s) => run(stepFunctionName('lstm', 'bwd', s.act, s.ract), [[s.gates, 'in'], [s.cp, 'in'], [s.ac, 'in'], [s.dhn, 'in'], [s.dc, 'inout'], [s.dz, 'out']], s.mask, s.B, s.U),
    gruForward: (s) => run(stepFunctionName('gru', 'fwd', s.act, s.ract), [[s.rec, 'in'], [s.xp, 'in'], [s.rb, 'in'], [s.h, 'in'], [s.z, 'out'], [s.r, 'out'], [s.inner, 'out'], [s.hh, 'out'], [s.hNew, 'out']], s.mask, s.B, s.U),
    gruBackward: (s) => run(stepFunctionName('gru', 'bwd', s.act, s.ract), [[s.z, 'in'], [s.r, 'in'], [s.hh, 'in'], [s.hp, 'in'], [s.inner, 'in'], [s.dhn, 'in'], [s.direct, 'out'], [s.dah, 'out'], [s.dx, 'out'], [s.dr, 'out']], s.mask, s.B, s.U),
  };
}
