import { describe, expect, it } from 'vitest';
import { listBackends, tf, useBackend } from '@rnnkit/backend';
import { webglAdapter } from './index.js';

const NODE_REASON =
  "WebGL needs a browser (a canvas with a GPU context); in Node use 'tensorflow' (npm i @rnnkit/backend-node) or 'wasm' (npm i @rnnkit/backend-wasm)";

describe('webgl adapter in Node', () => {
  it('is unavailable, with the reason', async () => {
    expect(await webglAdapter.isAvailable()).toEqual({ available: false, reason: NODE_REASON });
  });

  it('is registered on import and listed as unavailable here, with a reason', async () => {
    const webgl = (await listBackends()).find((b) => b.name === 'webgl');
    expect(webgl).toMatchObject({ registered: true, available: false, packageName: '@rnnkit/backend-webgl' });
    expect(webgl?.reason).toBe('webgl runs only in browser; this is node');
  });

  it('refuses useBackend("webgl") with an error that says why, and leaves tfjs where it was', async () => {
    const before = tf.getBackend();
    await expect(useBackend('webgl', { log: false })).rejects.toThrow("backend 'webgl' is unavailable: webgl runs only in browser; this is node");
    expect(tf.getBackend()).toBe(before);
    await expect(webglAdapter.init()).rejects.toThrow(NODE_REASON);
  });

  it('declares webgl as its tfjs backend before init, with nothing measured yet', () => {
    expect(webglAdapter.capabilities()).toMatchObject({ tfjsBackend: 'webgl', fusedKernels: [] });
    expect(webglAdapter.capabilities().webglVersion).toBeUndefined();
  });
});
