// The same models on webgl and wasm as on cpu in headless Chromium (tfjs must really run webgl, not fall back).
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import { tf, useBackend } from '@rnnkit/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff, runLayerCases } from '../cross-backend.js';

describe('core-layers in Chromium', () => {
  afterAll(async () => { await useBackend('cpu', { log: false }); });
  it('webgl and wasm equal cpu: outputs, weight gradients, fit losses; no leaks', async () => {
    await useBackend('cpu', { log: false });
    const cpu = runLayerCases();
    for (const backend of ['webgl', 'wasm'] as const) {
      await useBackend(backend, { log: false });
      expect(tf.getBackend()).toBe(backend);
      const got = runLayerCases();
      for (const [i, r] of got.entries()) {
        expect({ backend, name: r.name, leaked: r.leaked }).toEqual({ backend, name: cpu[i].name, leaked: 0 });
        expect(maxDiff(r.outputs, cpu[i].outputs), `${backend} ${r.name}`).toBeLessThan(1e-4);
        expect(maxDiff(r.gradients, cpu[i].gradients), `${backend} ${r.name}`).toBeLessThan(1e-3);
        expect(maxDiff(r.fitLosses, cpu[i].fitLosses), `${backend} ${r.name}`).toBeLessThan(1e-4);
      }
    }
  });
});
