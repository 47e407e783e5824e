import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_CASES } from './cases.js';
import type { PackCase } from './cases.js';
import { cleanUp, env, install, packAll, ROOT, tarballs, work } from './tarballs.js';

function firstJsBlock(readme: string): string {
  const text = readFileSync(join(ROOT, readme), 'utf8');
  const m = /```js\n([\s\S]*?)```/.exec(text);
  if (!m) throw new Error(`${readme} has no \`\`\`js example block`);
  return m[1];
}

function runCase(c: PackCase): { stdout: string; dir: string } {
  const dir = install(c.install);
  const source = c.readme ? firstJsBlock(c.readme) : readFileSync(join(import.meta.dirname, 'examples', c.script!), 'utf8');
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [file], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${relative(work, file)} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { stdout: r.stdout, dir };
}

describe('packages install from their tarballs with plain npm, outside the workspace', () => {
  beforeAll(() => packAll(new Set(PACK_CASES.flatMap((c) => c.install))));
  afterAll(cleanUp);

  it('packs workspace:^ dependencies as real version ranges', () => {
    const out = execFileSync('tar', ['-xOf', tarballs.get('@rnnkit/backend-wasm')!, 'package/package.json'], { encoding: 'utf8' });
    const pkg = JSON.parse(out) as { dependencies: Record<string, string>; version: string };
    expect(pkg.dependencies['@rnnkit/backend']).toMatch(/^\^\d+\.\d+\.\d+/);
    const listing = execFileSync('tar', ['-tzf', tarballs.get('@rnnkit/backend-wasm')!], { encoding: 'utf8' });
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/wasm/simd.js');
    expect(listing).not.toContain('package/src/');
  });

  for (const c of PACK_CASES) {
    it(c.name, () => {
      const { stdout } = runCase(c);
      for (const re of c.expectStdout ?? []) expect(stdout).toMatch(re);
    });
  }

  it('backend + backend-wasm install exactly one tfjs-core (one engine)', () => {
    const dir = install(['@rnnkit/backend', '@rnnkit/backend-wasm']);
    const copies = execFileSync('find', [join(dir, 'node_modules'), '-path', '*/@tensorflow/tfjs-core/package.json'], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean);
    expect(copies.map((p) => relative(dir, p))).toEqual(['node_modules/@tensorflow/tfjs-core/package.json']);
  });
});
