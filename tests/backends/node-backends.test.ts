// Issue 3's acceptance in Node, across the three adapter packages: what listBackends() shows, what 'auto' picks,
// and that RNNKIT_BACKEND overrides it.
import { afterEach, describe, expect, it } from 'vitest';
import { listBackends, tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import { nodeAdapter } from '@rnnkit/backend-node';

const tensorflow = await nodeAdapter.isAvailable();
// In CI tfjs-node is built offline (scripts/build-tfjs-node.sh), so tensorflow must be available there.
const expectTensorflow = tensorflow.available || (process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1');

afterEach(() => {
  delete process.env.RNNKIT_BACKEND;
});

describe('backends in Node', () => {
  it('listBackends: cpu and wasm available, tensorflow when tfjs-node loads, webgl unavailable with the reason', async () => {
    const byName = Object.fromEntries((await listBackends()).map((b) => [b.name, b]));
    expect(Object.keys(byName).sort()).toEqual(['cpu', 'tensorflow', 'wasm', 'webgl']);
    expect(byName.cpu.available).toBe(true);
    expect(byName.wasm.available).toBe(true);
    expect(byName.tensorflow.available, byName.tensorflow.reason).toBe(expectTensorflow);
    expect(byName.webgl).toMatchObject({ available: false, registered: true, reason: 'webgl runs only in browser; this is node' });
  });

  it("'auto' picks the first available of tensorflow > wasm > cpu and says why", async () => {
    const messages: string[] = [];
    const choice = await useBackend('auto', { log: (m) => messages.push(m) });
    expect(choice.name).toBe(expectTensorflow ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(choice.name);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^\\[rnnkit\\] backend ${choice.name} \\(auto: `));
  });

  it('RNNKIT_BACKEND=wasm overrides auto; RNNKIT_BACKEND=cpu too', async () => {
    process.env.RNNKIT_BACKEND = 'wasm';
    expect((await useBackend('auto', { log: false })).reason).toBe('RNNKIT_BACKEND=wasm');
    expect(tf.getBackend()).toBe('wasm');
    process.env.RNNKIT_BACKEND = 'cpu';
    await useBackend('auto', { log: false });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('the same matMul gives the same numbers on every available backend', async () => {
    const names = (await listBackends()).filter((b) => b.available).map((b) => b.name);
    for (const name of names) {
      await useBackend(name, { log: false });
      const out = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]), true, true));
      expect(out.arraySync(), name).toEqual([[23, 31], [34, 46]]);
      out.dispose();
    }
    await tf.setBackend('cpu');
  });
});
