import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tf } from '../tfjs.js';
import { BackendUnavailableError } from '../errors.js';
import { fakeAdapter } from './__fixtures__/fake-adapters.js';
import { registerAdapter, resetRegistryForTests } from './registry.js';
import { currentBackend, resetCurrentBackendForTests, useBackend } from './use-backend.js';
import type { RecurrentKernel } from '../recurrent/types.js';

const quiet = { log: false as const };

beforeEach(() => {
  // CI may set RNNKIT_BACKEND for other suites; these tests set it themselves.
  vi.stubEnv('RNNKIT_BACKEND', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  resetRegistryForTests();
  resetCurrentBackendForTests();
  await tf.setBackend('cpu');
});

async function rejection(p: Promise<unknown>): Promise<BackendUnavailableError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BackendUnavailableError);
  return error as BackendUnavailableError;
}

describe('useBackend: explicit names', () => {
  it('selects cpu, reports capabilities, and logs one line', async () => {
    const lines: string[] = [];
    const choice = await useBackend('cpu', { log: (m) => lines.push(m) });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('requested');
    expect(choice.environment).toBe('node');
    expect(choice.capabilities.tfjsBackend).toBe('cpu');
    expect(lines).toEqual(['[rnnkit] backend cpu (requested)']);
    expect(currentBackend()).toEqual(choice);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('logs to console.info by default', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await useBackend('cpu');
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith('[rnnkit] backend cpu (requested)');
    info.mockRestore();
  });

  it('names the exact install command for a known adapter that is not registered', async () => {
    const e = await rejection(useBackend('wasm', quiet));
    expect(String(e)).toBe(
      "BackendUnavailableError: backend 'wasm' is not installed: npm i @rnnkit/backend-wasm, then import '@rnnkit/backend-wasm'",
    );
    expect(e.installCommand).toBe('npm i @rnnkit/backend-wasm');
    expect(e.backend).toBe('wasm');
    const eb = await rejection(useBackend('webgl', { ...quiet, environment: 'browser' }));
    expect(eb.message).toBe("backend 'webgl' is not installed: npm i @rnnkit/backend-webgl, then import '@rnnkit/backend-webgl'");
  });

  it('says why webgl cannot run in Node, registered or not', async () => {
    const e1 = await rejection(useBackend('webgl', quiet));
    expect(e1.message).toBe("backend 'webgl' is unavailable: webgl runs only in browser; this is node");
    registerAdapter(fakeAdapter({ name: 'webgl', environments: ['browser'] }));
    const e2 = await rejection(useBackend('webgl', quiet));
    expect(e2.message).toBe("backend 'webgl' is unavailable: webgl runs only in browser; this is node");
  });

  it("passes on the adapter's own reason when it is unavailable", async () => {
    registerAdapter(fakeAdapter({ name: 'tensorflow', packageName: '@rnnkit/backend-node', available: false, reason: '@tensorflow/tfjs-node is not installed: npm i @tensorflow/tfjs-node' }));
    const e = await rejection(useBackend('tensorflow', quiet));
    expect(e.message).toBe("backend 'tensorflow' is unavailable: @tensorflow/tfjs-node is not installed: npm i @tensorflow/tfjs-node");
  });

  it('rejects an unknown name, listing the known ones', async () => {
    const e = await rejection(useBackend('cuda', quiet));
    expect(e.message).toBe("backend 'cuda' is unknown: expected one of tensorflow, wasm, cpu, webgl or 'auto'");
  });

  it('reports an init failure with its cause', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm', initError: 'could not fetch tfjs-backend-wasm.wasm' }));
    const e = await rejection(useBackend('wasm', quiet));
    expect(e.message).toBe("backend 'wasm' failed to initialise: could not fetch tfjs-backend-wasm.wasm");
    expect((e.cause as Error).message).toBe('could not fetch tfjs-backend-wasm.wasm');
  });

  it('catches tfjs-core silently staying on another engine', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm', tfjsBackend: 'wasm' }));
    const e = await rejection(useBackend('wasm', quiet));
    expect(e.message).toBe("backend 'wasm' initialised, but tfjs-core's active backend is 'cpu', expected 'wasm'");
    expect(currentBackend()).toBeNull();
  });
});

describe("useBackend('auto')", () => {
  it('walks the Node chain tensorflow > wasm > cpu, saying why each was skipped', async () => {
    const lines: string[] = [];
    const choice = await useBackend('auto', { log: (m) => lines.push(m) });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('auto: tensorflow not installed (npm i @rnnkit/backend-node); wasm not installed (npm i @rnnkit/backend-wasm)');
    expect(lines).toEqual([`[rnnkit] backend cpu (${choice.reason})`]);
  });

  it('prefers the first available adapter of the chain', async () => {
    const tfn = fakeAdapter({ name: 'tensorflow', packageName: '@rnnkit/backend-node', available: false, reason: '@tensorflow/tfjs-node is not installed' });
    const wasm = fakeAdapter({ name: 'wasm' });
    registerAdapter(tfn);
    registerAdapter(wasm);
    const choice = await useBackend('auto', quiet);
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toBe('auto: tensorflow unavailable: @tensorflow/tfjs-node is not installed');
    expect(wasm.inits).toBe(1);
    expect(tfn.inits).toBe(0);
  });

  it('takes the head of the chain when it is available', async () => {
    registerAdapter(fakeAdapter({ name: 'tensorflow', packageName: '@rnnkit/backend-node' }));
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    const choice = await useBackend(undefined, quiet);
    expect(choice.name).toBe('tensorflow');
    expect(choice.reason).toBe('auto: first available of tensorflow > wasm > cpu');
  });

  it('walks the browser chain webgl > wasm > cpu', async () => {
    const webgl = fakeAdapter({ name: 'webgl', environments: ['browser'] });
    registerAdapter(webgl);
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    const choice = await useBackend('auto', { ...quiet, environment: 'browser' });
    expect(choice.name).toBe('webgl');
    expect(choice.environment).toBe('browser');
    registerAdapter(fakeAdapter({ name: 'webgl', environments: ['browser'], available: false, reason: 'WebGL is not supported by this browser' }));
    const next = await useBackend('auto', { ...quiet, environment: 'browser' });
    expect(next.name).toBe('wasm');
    expect(next.reason).toBe('auto: webgl unavailable: WebGL is not supported by this browser');
  });

  it('moves on when an adapter fails to initialise', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm', initError: 'no wasm binary' }));
    const choice = await useBackend('auto', quiet);
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe(
      "auto: tensorflow not installed (npm i @rnnkit/backend-node); wasm failed: backend 'wasm' failed to initialise: no wasm binary",
    );
  });

  it('fails listing every reason when nothing in the chain works', async () => {
    const e = await rejection(useBackend('auto', { ...quiet, preference: ['tensorflow', 'webgl'] }));
    expect(e.message).toBe(
      'no backend available (preference tensorflow > webgl, chain tensorflow > webgl): tensorflow not installed (npm i @rnnkit/backend-node); webgl unavailable: webgl runs only in browser; this is node',
    );
  });

  it('follows options.preference', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    const choice = await useBackend('auto', { ...quiet, environment: 'browser', preference: ['cpu', 'wasm'] });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('preference cpu > wasm: first available of cpu > wasm');
  });

  it('follows options.backend as an explicit request', async () => {
    const e = await rejection(useBackend('auto', { ...quiet, environment: 'browser', backend: 'wasm' }));
    expect(e.message).toBe("backend 'wasm' is not installed: npm i @rnnkit/backend-wasm, then import '@rnnkit/backend-wasm' (from backend option 'wasm')");
  });
});

describe('RNNKIT_BACKEND', () => {
  it("overrides 'auto' in Node", async () => {
    registerAdapter(fakeAdapter({ name: 'tensorflow', packageName: '@rnnkit/backend-node' }));
    vi.stubEnv('RNNKIT_BACKEND', 'cpu');
    const choice = await useBackend('auto', quiet);
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('RNNKIT_BACKEND=cpu');
  });

  it('fails loudly when the named backend is missing', async () => {
    vi.stubEnv('RNNKIT_BACKEND', 'wasm');
    const e = await rejection(useBackend('auto', quiet));
    expect(e.message).toBe("backend 'wasm' is not installed: npm i @rnnkit/backend-wasm, then import '@rnnkit/backend-wasm' (from RNNKIT_BACKEND=wasm)");
  });

  it('accepts a comma-separated chain', async () => {
    vi.stubEnv('RNNKIT_BACKEND', 'wasm, cpu');
    const choice = await useBackend('auto', quiet);
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('RNNKIT_BACKEND=wasm, cpu: wasm not installed (npm i @rnnkit/backend-wasm)');
  });

  it('does not override an explicit name, nor apply in the browser', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    vi.stubEnv('RNNKIT_BACKEND', 'cpu');
    expect((await useBackend('wasm', quiet)).name).toBe('wasm');
    expect((await useBackend('auto', { ...quiet, environment: 'browser' })).name).toBe('wasm');
  });
});

describe('currentBackend', () => {
  it('is null before any selection and after tfjs-core is switched behind its back', async () => {
    expect(currentBackend()).toBeNull();
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    await useBackend('cpu', quiet);
    expect(currentBackend()?.name).toBe('cpu');
    tf.registerBackend('other-test', () => tf.findBackend('cpu'), 0);
    try {
      await tf.setBackend('other-test');
      expect(currentBackend()).toBeNull();
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('other-test');
    }
  });

  it('serialises concurrent selections', async () => {
    registerAdapter(fakeAdapter({ name: 'wasm' }));
    const [a, b] = await Promise.all([useBackend('wasm', quiet), useBackend('cpu', quiet)]);
    expect([a.name, b.name]).toEqual(['wasm', 'cpu']);
    expect(currentBackend()?.name).toBe('cpu');
  });
});

describe('capability checks at selection', () => {
  it('refuses an adapter whose declared fused kernels differ from the kernels it provides', async () => {
    const reference: RecurrentKernel = () => {
      throw new Error('not called');
    };
    registerAdapter({ ...fakeAdapter({ name: 'wasm' }), kernels: { lstm: reference } });
    const e = await rejection(useBackend('wasm', quiet));
    expect(e.message).toBe("backend 'wasm' declares fused kernels [] but provides kernels for [lstm]");
    registerAdapter({ ...fakeAdapter({ name: 'wasm' }), kernels: { lstm: reference }, capabilities: () => ({ tfjsBackend: 'cpu', fusedKernels: ['lstm'] }) });
    expect((await useBackend('wasm', quiet)).capabilities.fusedKernels).toEqual(['lstm']);
  });
});
