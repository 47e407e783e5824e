// Reuses the large per-sequence arrays of the fused kernels (projected inputs, saved gates, gradients over all
// steps) across calls. Training allocates ~20 MB of them per LSTM batch at T=100; as fresh typed arrays that is
// several percent of the step in garbage collection. Only arrays private to a kernel call come back here, never
// one handed to a tensor.

const MAX_POOLED_BYTES = 64 * 2 ** 20;
const MAX_PER_SIZE = 4;
const free = new Map<number, Float32Array[]>();
let pooledBytes = 0;

/** A Float32Array of length n, zero-filled unless `zero` is false (then its contents are unspecified). */
export function takeArray(n: number, zero = true): Float32Array {
  const a = free.get(n)?.pop();
  if (!a) return new Float32Array(n);
  pooledBytes -= a.byteLength;
  if (zero) a.fill(0);
  return a;
}

/** Returns arrays the caller no longer reads (undefined entries are skipped). */
export function giveBack(...arrays: (Float32Array | undefined)[]): void {
  for (const a of arrays) {
    if (!a || a.length < 1024 || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) continue;
    const list = free.get(a.length) ?? [];
    if (list.length >= MAX_PER_SIZE || pooledBytes + a.byteLength > MAX_POOLED_BYTES || list.includes(a)) continue;
    list.push(a);
    free.set(a.length, list);
    pooledBytes += a.byteLength;
  }
}

/** Bytes held for reuse (for tests). */
export function pooledArrayBytes(): number {
  return pooledBytes;
}
