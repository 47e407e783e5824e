import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, detectEnvironment, listBackends, tf, useBackend } from '../../src/index.js';

describe('in a browser', () => {
  it('detects the browser environment', () => {
    expect(detectEnvironment()).toBe('browser');
  });

  it("walks the browser chain webgl > wasm > cpu, naming the install commands of what is missing", async () => {
    const lines: string[] = [];
    const choice = await useBackend('auto', { log: (m) => lines.push(m) });
    expect(choice).toMatchObject({ name: 'cpu', environment: 'browser' });
    expect(lines).toEqual([
      '[rnnkit] backend cpu (auto: webgl not installed (npm i @rnnkit/backend-webgl); wasm not installed (npm i @rnnkit/backend-wasm))',
    ]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('says why tensorflow cannot run here', async () => {
    const error = await useBackend('tensorflow', { log: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toBe("backend 'tensorflow' is unavailable: tensorflow runs only in node; this is browser");
    const statuses = await listBackends();
    expect(statuses.map((s) => [s.name, s.available])).toEqual([['cpu', true], ['wasm', false], ['webgl', false], ['tensorflow', false]]);
  });
});
