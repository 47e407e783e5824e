import { describe, expect, it } from 'vitest';
import { listBackends, tf } from '@rnnkit/backend';
import { runShowcase } from './showcase.js';

describe('backend showcase', () => {
  it('reports the auto choice with its reason, every backend, and a timing per available backend', async () => {
    const lines: string[] = [];
    const before = tf.memory().numTensors;
    await runShowcase((l) => lines.push(l));
    expect(tf.memory().numTensors).toBe(before);
    const available = (await listBackends()).filter((b) => b.available).map((b) => b.name);
    expect(available).toEqual(expect.arrayContaining(['cpu', 'wasm']));
    expect(lines.find((l) => l.startsWith('auto picked: '))).toBe(`auto picked: ${available.includes('tensorflow') ? 'tensorflow' : 'wasm'}`);
    expect(lines.some((l) => l.startsWith('  why: auto'))).toBe(true);
    expect(lines.some((l) => /^ {2}webgl +@rnnkit\/backend-webgl +unavailable: /.test(l))).toBe(true);
    const timings = lines.filter((l) => l.includes('lstm fwd+bwd'));
    expect(timings.map((l) => l.trim().split(/\s+/)[0])).toEqual(available);
    // Every backend computes the same LSTM gradient and matMul (float32 summation order differs a little).
    const sums = timings.map((l) => /\(checksums (\S+), (\S+)\)/.exec(l)!.slice(1).map(Number));
    for (const [lstm, matMul] of sums) {
      expect(lstm).toBeCloseTo(sums[0][0], 1);
      expect(Math.abs(matMul - sums[0][1])).toBeLessThan(1);
    }
  }, 120_000); // real timings on every available backend; slow on a busy 2-core machine
});
