// Identical results on cpu and wasm in Node, through @rnnkit/backend-wasm's public API.
import '@rnnkit/backend-wasm';
import { tf, useBackend } from '@rnnkit/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDiff } from './harness.js';
import { runCrossCases } from './cross-backend.js';

describe('cpu and wasm give the same trajectories', () => {
  afterAll(async () => { await useBackend('cpu', { log: false }); });

  it('every optimizer: wasm = cpu within float32 tolerance, both match the float64 reference, no leaks', async () => {
    await useBackend('cpu', { log: false });
    const cpu = runCrossCases();
    await useBackend('wasm', { log: false });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = runCrossCases();
    for (const [i, w] of wasm.entries()) {
      const c = cpu[i]!;
      expect({ name: w.name, leaked: w.leaked, state: w.stateAfterDispose }).toEqual({ name: c.name, leaked: 0, state: 0 });
      expect(maxDiff(w.trajectory, c.trajectory), w.name).toBeLessThan(1e-5);
      expect(maxDiff(w.trajectory, w.reference), w.name).toBeLessThan(1e-5);
    }
  });
});
