import { afterAll, describe, expect, it } from 'vitest';
import { currentBackend, listBackends, tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import { webglAdapter } from '../../src/index.js';

describe('webgl adapter in Chromium', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lists webgl, wasm and cpu as available and tensorflow as Node only', async () => {
    const byName = Object.fromEntries((await listBackends()).map((b) => [b.name, b]));
    expect(byName.webgl).toMatchObject({ registered: true, available: true });
    expect(byName.wasm).toMatchObject({ registered: true, available: true });
    expect(byName.cpu).toMatchObject({ available: true });
    expect(byName.tensorflow).toMatchObject({ available: false, reason: 'tensorflow runs only in node; this is browser' });
  });

  it("'auto' picks webgl first in a browser, and tfjs really runs on webgl", async () => {
    const messages: string[] = [];
    const choice = await useBackend('auto', { log: (m) => messages.push(m) });
    expect(choice.name).toBe('webgl');
    expect(choice.environment).toBe('browser');
    expect(tf.getBackend()).toBe('webgl');
    expect(currentBackend()?.name).toBe('webgl');
    expect(messages).toEqual(['[rnnkit] backend webgl (auto: first available of webgl > wasm > cpu)']);
  });

  it('reports the WebGL version, float textures and precision', () => {
    const caps = webglAdapter.capabilities();
    expect(caps.tfjsBackend).toBe('webgl');
    expect([1, 2]).toContain(caps.webglVersion);
    expect(typeof caps.float32Textures).toBe('boolean');
    // Nothing forces 16-bit textures here, so tensors are stored in float32 wherever the GPU can render it.
    expect(caps.floatPrecision).toBe(caps.float32Textures ? 32 : 16);
    expect(caps.details?.maxTextureSize).toBeGreaterThan(0);
  });

  it('multiplies matrices on the GPU path without leaking tensors', async () => {
    await useBackend('webgl', { log: false });
    expect(tf.getBackend()).toBe('webgl');
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor2d([[7, 8], [9, 10], [11, 12]])));
    expect(await out.array()).toEqual([[58, 64], [139, 154]]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the browser override option picks another backend over 'auto'", async () => {
    const choice = await useBackend('auto', { backend: 'wasm', log: false });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});
