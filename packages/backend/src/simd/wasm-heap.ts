// Blocks of f32 in the SIMD module's linear memory. Allocation bumps a top pointer (growing the memory when
// needed); freeing a block lowers the top past every freed block above the highest live one, so the LIFO use of
// the fused kernels (prepare, multiply, dispose) never fragments.

const ALIGN = 16;
const PAGE = 65536;

export class WasmHeap {
  private top: number;
  private readonly live = new Map<number, number>(); // start -> end (bytes)
  private view: Float32Array;

  constructor(private readonly memory: WebAssembly.Memory, private readonly base = ALIGN) {
    this.top = base;
    this.view = new Float32Array(memory.buffer);
  }

  /** A float view of the whole memory, refreshed after growth (older views are detached by growth). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** Byte pointer to `floats` floats; may grow the memory (which detaches every older view). */
  alloc(floats: number): number {
    const start = this.top;
    const end = start + Math.ceil((floats * 4) / ALIGN) * ALIGN;
    if (end > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
    this.live.set(start, end);
    this.top = end;
    return start;
  }

  free(ptr: number): void {
    if (!this.live.delete(ptr)) throw new Error(`WasmHeap.free: ${ptr} is not a live block`);
    let highest = 0;
    for (const end of this.live.values()) highest = Math.max(highest, end);
    this.top = Math.max(highest, this.base);
  }

  /** Bytes in use up to the top (for tests). */
  get used(): number {
    return this.top;
  }
}
