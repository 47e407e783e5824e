import { describe, expect, it } from 'vitest';
import { sigmoidRational, tanhRational } from './activation-math.js';

describe('rational tanh and sigmoid of the fused JavaScript kernels', () => {
  it('tanh within 3e-8 of Math.tanh from -30 to 30 (relative 2e-7 away from 0)', () => {
    let abs = 0, rel = 0;
    for (let x = -30; x <= 30; x += 1e-4) {
      const e = Math.abs(tanhRational(x) - Math.tanh(x));
      abs = Math.max(abs, e);
      if (Math.abs(x) > 1e-6) rel = Math.max(rel, e / Math.abs(Math.tanh(x)));
    }
    expect(abs).toBeLessThan(3e-8);
    expect(rel).toBeLessThan(2e-7);
  });

  it('sigmoid within 2e-8 of 1 / (1 + exp(-x))', () => {
    let abs = 0;
    for (let x = -40; x <= 40; x += 1e-4) abs = Math.max(abs, Math.abs(sigmoidRational(x) - 1 / (1 + Math.exp(-x))));
    expect(abs).toBeLessThan(2e-8);
  });

  it('keeps NaN and saturates at the infinities', () => {
    expect(tanhRational(NaN)).toBeNaN();
    expect(sigmoidRational(NaN)).toBeNaN();
    expect([tanhRational(Infinity), tanhRational(-Infinity)]).toEqual([1, -1]);
    expect([sigmoidRational(Infinity), sigmoidRational(-Infinity)]).toEqual([1, 0]);
    expect(Math.abs(tanhRational(1e-12) / 1e-12 - 1)).toBeLessThan(2e-7);
  });
});
