import { describe, expect, it } from 'vitest';
import { giveBack, pooledArrayBytes, takeArray } from './buffer-pool.js';

describe('buffer pool', () => {
  it('hands a returned array out again, zeroed unless asked not to', () => {
    const a = takeArray(4096);
    a.fill(7);
    const before = pooledArrayBytes();
    giveBack(a);
    expect(pooledArrayBytes()).toBe(before + a.byteLength);
    const b = takeArray(4096);
    expect(b).toBe(a);
    expect(b.every((v) => v === 0)).toBe(true);
    b.fill(3);
    giveBack(b);
    const c = takeArray(4096, false);
    expect(c).toBe(a);
    expect(c[0]).toBe(3);
    expect(pooledArrayBytes()).toBe(before);
  });

  it('keeps neither views, small arrays, nor the same array twice', () => {
    const before = pooledArrayBytes();
    const big = new Float32Array(8192);
    giveBack(big.subarray(0, 4096), new Float32Array(16));
    expect(pooledArrayBytes()).toBe(before);
    giveBack(big, big);
    expect(pooledArrayBytes()).toBe(before + big.byteLength);
    expect(takeArray(8192)).toBe(big);
    expect(takeArray(8192)).not.toBe(big);
  });
});
