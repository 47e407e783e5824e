// Identical results on webgl, wasm and cpu in Chromium (within float32 tolerance), no leaks on the GPU path.
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import { tf, useBackend } from '@rnnkit/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff } from '../harness.js';
import { runCrossCases } from '../cross-backend.js';

describe('optimizers in Chromium', () => {
  afterAll(async () => { await useBackend('cpu', { log: false }); });

  it('webgl and wasm trajectories equal cpu and the float64 reference; state freed on dispose', async () => {
    await useBackend('cpu', { log: false });
    const cpu = runCrossCases();
    for (const backend of ['wasm', 'webgl'] as const) {
      await useBackend(backend, { log: false });
      expect(tf.getBackend()).toBe(backend);
      const got = runCrossCases();
      for (const [i, r] of got.entries()) {
        expect({ backend, name: r.name, leaked: r.leaked, state: r.stateAfterDispose }).toEqual({ backend, name: cpu[i]!.name, leaked: 0, state: 0 });
        expect(maxDiff(r.trajectory, cpu[i]!.trajectory), `${backend} ${r.name}`).toBeLessThan(1e-5);
        expect(maxDiff(r.trajectory, r.reference), `${backend} ${r.name}`).toBeLessThan(1e-5);
      }
    }
  });
});
