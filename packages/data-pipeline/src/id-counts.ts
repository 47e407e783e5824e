// Per-id counters that stay compact for the usual dense ids 0..N-1 (a byte each) and still accept any integer id.

const DENSE_LIMIT = 1 << 28;

export class IdCounts {
  private dense = new Uint8Array(1024);
  private readonly sparse = new Map<number, number>();
  private distinctCount = 0;

  get distinct(): number {
    return this.distinctCount;
  }

  /** Adds one occurrence; returns the new count (saturating at 255 for dense ids, which is all "seen twice" needs). */
  add(id: number): number {
    if (Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT) {
      if (id >= this.dense.length) this.grow(id);
      const c = this.dense[id];
      if (c === 0) this.distinctCount++;
      if (c < 255) this.dense[id] = c + 1;
      return c + 1;
    }
    const c = (this.sparse.get(id) ?? 0) + 1;
    if (c === 1) this.distinctCount++;
    this.sparse.set(id, c);
    return c;
  }

  get(id: number): number {
    if (Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT) return id < this.dense.length ? this.dense[id] : 0;
    return this.sparse.get(id) ?? 0;
  }

  /** Ids with a nonzero count, ascending for dense ids, then sparse ids in insertion order. */
  *ids(): IterableIterator<number> {
    const d = this.dense;
    for (let i = 0; i < d.length; i++) if (d[i] !== 0) yield i;
    yield* this.sparse.keys();
  }

  private grow(id: number): void {
    let n = this.dense.length;
    while (n <= id) n *= 2;
    const next = new Uint8Array(Math.min(n, DENSE_LIMIT));
    next.set(this.dense);
    this.dense = next;
  }
}

/** A growable Int32 list (ids in yield order) without boxing millions of numbers. */
export class IntList {
  private buf = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  toArray(): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.buf[i];
    return out;
  }
}
