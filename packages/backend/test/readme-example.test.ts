import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';

// The README's first ```js block must run as a user copies it.
const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
const example = /```js\n([\s\S]*?)```/.exec(readme)![1];
const dir = mkdtempSync(join(here, '.readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs the README example', async () => {
  vi.stubEnv('RNNKIT_BACKEND', '');
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map((x) => JSON.stringify(x)).join(' ')));
  const info = vi.spyOn(console, 'info').mockImplementation((...a: unknown[]) => void lines.push(String(a[0])));
  const file = join(dir, 'example.mjs');
  writeFileSync(file, example);
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    log.mockRestore();
    info.mockRestore();
    vi.unstubAllEnvs();
  }
  expect(lines).toEqual([
    '[rnnkit] backend cpu (auto: tensorflow not installed (npm i @rnnkit/backend-node); wasm not installed (npm i @rnnkit/backend-wasm))',
    '"cpu" [2,5,4] [[2,4],[2,4]]',
    '[3,16] [4,16]',
  ]);
});
