// The same models on wasm as on cpu in Node: outputs, gradients and a short fit, within float32 tolerance, no leaks.
import '@rnnkit/backend-wasm';
import { tf, useBackend } from '@rnnkit/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff, runLayerCases } from './cross-backend.js';

describe('core-layers on wasm equals cpu', () => {
  afterAll(async () => { await useBackend('cpu', { log: false }); });
  it('outputs, weight gradients and fit losses', async () => {
    await useBackend('cpu', { log: false });
    const cpu = runLayerCases();
    await useBackend('wasm', { log: false });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = runLayerCases();
    for (const [i, r] of wasm.entries()) {
      expect({ name: r.name, leaked: r.leaked }).toEqual({ name: cpu[i].name, leaked: 0 });
      expect(cpu[i].leaked).toBe(0);
      expect(maxDiff(r.outputs, cpu[i].outputs), r.name).toBeLessThan(1e-5);
      expect(maxDiff(r.gradients, cpu[i].gradients), r.name).toBeLessThan(1e-4);
      expect(maxDiff(r.fitLosses, cpu[i].fitLosses), r.name).toBeLessThan(1e-5);
      expect(r.gradients.some((g) => Math.abs(g) > 1e-4)).toBe(true);
    }
  });
});
