import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { fakeAdapter } from './__fixtures__/fake-adapters.js';
import { listBackends } from './list-backends.js';
import { registerAdapter, resetRegistryForTests } from './registry.js';
import { resetCurrentBackendForTests, useBackend } from './use-backend.js';
import { detectEnvironment } from './environment.js';

afterEach(async () => {
  resetRegistryForTests();
  resetCurrentBackendForTests();
  await tf.setBackend('cpu');
});

describe('listBackends', () => {
  it('lists every known backend in Node with availability, reason and install command', async () => {
    const list = await listBackends();
    expect(list).toEqual([
      { name: 'cpu', packageName: '@rnnkit/backend', installCommand: 'npm i @rnnkit/backend', registered: true, available: true, environments: ['node', 'browser'], active: false },
      { name: 'wasm', packageName: '@rnnkit/backend-wasm', installCommand: 'npm i @rnnkit/backend-wasm', registered: false, available: false, reason: "not installed: npm i @rnnkit/backend-wasm, then import '@rnnkit/backend-wasm'", environments: ['node', 'browser'], active: false },
      { name: 'webgl', packageName: '@rnnkit/backend-webgl', installCommand: 'npm i @rnnkit/backend-webgl', registered: false, available: false, reason: 'webgl runs only in browser; this is node', environments: ['browser'], active: false },
      { name: 'tensorflow', packageName: '@rnnkit/backend-node', installCommand: 'npm i @rnnkit/backend-node', registered: false, available: false, reason: "not installed: npm i @rnnkit/backend-node, then import '@rnnkit/backend-node'", environments: ['node'], active: false },
    ]);
  });

  it('shows registered adapters, their own reasons, custom adapters, and the active one', async () => {
    registerAdapter(fakeAdapter({ name: 'tensorflow', packageName: '@rnnkit/backend-node', environments: ['node'], available: false, reason: '@tensorflow/tfjs-node is not installed' }));
    registerAdapter(fakeAdapter({ name: 'my-engine', packageName: 'my-engine' }));
    await useBackend('my-engine', { log: false });
    const list = await listBackends();
    expect(list.map((s) => [s.name, s.registered, s.available, s.reason ?? null, s.active])).toEqual([
      ['cpu', true, true, null, false],
      ['wasm', false, false, "not installed: npm i @rnnkit/backend-wasm, then import '@rnnkit/backend-wasm'", false],
      ['webgl', false, false, 'webgl runs only in browser; this is node', false],
      ['tensorflow', true, false, '@tensorflow/tfjs-node is not installed', false],
      ['my-engine', true, true, null, true],
    ]);
  });

  it('reports for another environment on request', async () => {
    const list = await listBackends({ environment: 'browser' });
    expect(list.find((s) => s.name === 'tensorflow')?.reason).toBe('tensorflow runs only in node; this is browser');
    expect(list.find((s) => s.name === 'webgl')?.reason).toBe("not installed: npm i @rnnkit/backend-webgl, then import '@rnnkit/backend-webgl'");
  });

  it('reports an isAvailable() that throws as unavailable with the message', async () => {
    const broken = fakeAdapter({ name: 'wasm' });
    broken.isAvailable = async () => { throw new Error('boom'); };
    registerAdapter(broken);
    const wasm = (await listBackends()).find((s) => s.name === 'wasm');
    expect(wasm).toMatchObject({ registered: true, available: false, reason: 'isAvailable() threw: boom' });
  });
});

describe('detectEnvironment', () => {
  it('is node under vitest in Node', () => {
    expect(detectEnvironment()).toBe('node');
  });
});
