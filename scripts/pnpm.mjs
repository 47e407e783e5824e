#!/usr/bin/env node
// Runs the pinned pnpm (from package.json's packageManager) on a machine that has only Node and npm,
// installing the workspace with the frozen lockfile first when node_modules is missing.
// Usage: node scripts/pnpm.mjs <pnpm args...>
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const version = pinned.split('@')[1];

function pnpmCommand() {
  const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (local.status === 0 && local.stdout.trim() === version) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${version}`]];
}

function run(args) {
  const [cmd, pre] = pnpmCommand();
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) {
  console.error(`[rnnkit] node_modules missing: installing with pnpm ${version} (frozen lockfile)`);
  const code = run(['install', '--frozen-lockfile']);
  if (code !== 0) process.exit(code);
}
process.exit(run(process.argv.slice(2)));
