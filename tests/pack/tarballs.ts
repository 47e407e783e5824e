// Packs workspace packages with pnpm and installs tarballs with plain npm in folders outside the workspace.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const work = mkdtempSync(join(tmpdir(), 'rnnkit-pack-'));
export const tarballs = new Map<string, string>();

// Plain npm, as a user runs it: none of the npm_/pnpm_ settings, nor the NODE_PATH (pnpm points it at the
// workspace's hoisted node_modules), that the workspace's runner put in the environment.
export const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) && k !== 'NODE_PATH'));

export function packageDirs(): Map<string, string> {
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

export function pack(name: string, dir: string): string {
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

export function install(names: string[], extra: string[] = []): string {
  const key = [...names, ...extra].sort().join(' ');
  const existing = installs.get(key);
  if (existing) return existing;
  const dir = join(work, `app-${installs.size}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pack-test-app', private: true, type: 'module' }));
  const files = names.map((n) => tarballs.get(n) ?? fail(`no tarball for ${n}`));
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, ...extra], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install ${[...names, ...extra].join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  installs.set(key, dir);
  return dir;
}

export function fail(msg: string): never {
  throw new Error(msg);
}

/** Packs every package the given names need (once per run). */
export function packAll(names: Iterable<string>): void {
  const dirs = packageDirs();
  for (const name of names) {
    if (!tarballs.has(name)) tarballs.set(name, pack(name, dirs.get(name) ?? fail(`no workspace package ${name}`)));
  }
}

export function cleanUp(): void {
  rmSync(work, { recursive: true, force: true });
}
