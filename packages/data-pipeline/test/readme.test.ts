// Runs the README's example (the first ```js block) against the sources, as the pack-and-install test runs it
// against the tarball.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

it('the README example runs and its coverage assertions hold', async () => {
  const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  const entry = resolve(here, '../src/index.ts');
  const file = join(mkdtempSync(join(tmpdir(), 'rnnkit-readme-test-')), 'example.mjs');
  writeFileSync(file, code!.replace("'@rnnkit/data-pipeline'", JSON.stringify(entry)));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ file);
    const out = log.mock.calls.map((c) => c.join(' '));
    expect(out[0]).toMatch(/^bucket boundaries \d/);
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^epoch 0: 1000\/1000 samples in \d+ batches, never seen 0, seen twice 0, truncated \d+ /),
      expect.stringMatching(/^epoch 1: 1000\/1000 samples/),
    ]);
  } finally {
    log.mockRestore();
  }
});
