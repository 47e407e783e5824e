import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';

// The README's first ```js block must run as a user copies it, and print what the README says it prints.
const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
const example = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
const printed = /Prints:\n\n```text\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
const dir = mkdtempSync(join(here, '.readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs the README example and prints what the README shows', async () => {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const file = join(dir, 'example.mjs');
  writeFileSync(file, example);
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    log.mockRestore();
  }
  expect(lines).toEqual(printed);
});
