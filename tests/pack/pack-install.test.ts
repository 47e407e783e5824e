import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_CASES } from './cases.js';
import type { PackCase } from './cases.js';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rnnkit-pack-'));
const tarballs = new Map<string, string>();

// Plain npm, as a user runs it: none of the npm_/pnpm_ settings, nor the NODE_PATH (pnpm points it at the
// workspace's hoisted node_modules), that the workspace's runner put in the environment.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) && k !== 'NODE_PATH'));

function packageDirs(): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const group of ['packages', 'apps']) {
    for (const d of readdirSync(join(ROOT, group))) {
      const pkgJson = join(ROOT, group, d, 'package.json');
      if (!existsSync(pkgJson)) continue;
      const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { name: string; private?: boolean };
      if (!pkg.private) dirs.set(pkg.name, join(ROOT, group, d));
    }
  }
  return dirs;
}

function pack(name: string, dir: string): string {
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${name} has no dist/: build first (npm test builds; or node scripts/pnpm.mjs exec turbo run build)`);
  const dest = join(work, 'tarballs');
  mkdirSync(dest, { recursive: true });
  // pnpm pack rewrites workspace:^ dependencies into real version ranges, as pnpm publish does.
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'pnpm.mjs'), '-C', dir, 'pack', '--pack-destination', dest], { env, encoding: 'utf8' });
  const file = out.trim().split('\n').map((l) => l.trim()).reverse().find((l) => l.endsWith('.tgz'));
  if (!file) throw new Error(`pnpm pack of ${name} printed no .tgz path:\n${out}`);
  return file.startsWith('/') ? file : join(dest, file);
}

const installs = new Map<string, string>();

function install(names: string[]): string {
  const key = [...names].sort().join(' ');
  const existing = installs.get(key);
  if (existing) return existing;
  const dir = join(work, `app-${installs.size}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pack-test-app', private: true, type: 'module' }));
  const files = names.map((n) => tarballs.get(n) ?? fail(`no tarball for ${n}`));
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install ${names.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  installs.set(key, dir);
  return dir;
}

function fail(msg: string): never {
  throw new Error(msg);
}

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
  beforeAll(() => {
    const dirs = packageDirs();
    const needed = new Set(PACK_CASES.flatMap((c) => c.install));
    for (const name of needed) tarballs.set(name, pack(name, dirs.get(name) ?? fail(`no workspace package ${name}`)));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

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
