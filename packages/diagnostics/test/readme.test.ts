// Runs the README's example (the first ```js block) against the sources, as the pack-and-install test runs it
// against the tarballs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES: Record<string, string> = {
  '@rnnkit/diagnostics': resolve(here, '../src/index.ts'),
  '@rnnkit/backend': resolve(here, '../../backend/src/index.ts'),
  '@rnnkit/data-pipeline': resolve(here, '../../data-pipeline/src/index.ts'),
  '@rnnkit/core-layers': resolve(here, '../../core-layers/src/index.ts'),
  '@rnnkit/optimizers': resolve(here, '../../optimizers/src/index.ts'),
};

it('the README example runs: it finds the unmasked post-padding first', async () => {
  const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
  let code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  for (const [name, path] of Object.entries(SOURCES)) code = code!.replace(`'${name}'`, JSON.stringify(path));
  const file = join(mkdtempSync(join(tmpdir(), 'rnnkit-diagnostics-readme-')), 'example.mjs');
  writeFileSync(file, code!);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ file);
    const out = log.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(out).toMatch(/^rnnkit diagnostics: \d+ error\(s\)/);
    expect(out).toContain('ERROR PADDING_NOT_MASKED: Padding reaches the recurrent layer unmasked');
    expect(out).toContain("padSequences(seqs, { padding: 'pre' })");
    if (process.env.README_OUTPUT) writeFileSync(process.env.README_OUTPUT, out);
  } finally {
    log.mockRestore();
  }
}, 60_000);
