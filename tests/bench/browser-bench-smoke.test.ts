// The browser benchmark harness works in headless Chromium on webgl and wasm (tiny shapes). Speed is never
// asserted; `node bench/browser/run-browser.mjs` measures it. Without Chromium this fails in CI and skips elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const chromium = process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium';
const run = existsSync(chromium) || process.env.CI === 'true' ? it : it.skip;

describe('bench/browser/run-browser.mjs --smoke', () => {
  run('measures both libraries on webgl and on wasm, on the backend it names, and writes JSON and Markdown', () => {
    const out = mkdtempSync(join(tmpdir(), 'rnnkit-browser-bench-'));
    const r = spawnSync(process.execPath, ['bench/browser/run-browser.mjs', '--smoke', '--out', out], { cwd: root, encoding: 'utf8', timeout: 150_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { rows, meta } = JSON.parse(readFileSync(join(out, 'browser-smoke.json'), 'utf8'));
    expect(meta.smoke).toBe(true);
    expect(rows.map((x: { backend: string; cell: string }) => `${x.backend}/${x.cell}`)).toEqual([
      'webgl/lstm', 'webgl/gru', 'webgl/simpleRNN', 'wasm/lstm', 'wasm/gru', 'wasm/simpleRNN',
    ]);
    for (const row of rows) {
      // tfjs falls back silently when a backend fails to start; the row records what actually ran.
      expect(row.tfBackend).toBe(row.backend);
      for (const lib of ['rnnkit', 'tfjsLayers']) {
        expect(row[lib].trainSamplesPerSec).toBeGreaterThan(0);
        expect(Number.isFinite(row[lib].predictSamplesPerSec)).toBe(true);
        expect(row[lib].predictSamplesPerSec).toBeGreaterThan(0);
      }
    }
    expect(meta.kernelPaths.webgl.renderer).toMatch(/\S/);
    const md = readFileSync(join(out, 'browser-smoke.md'), 'utf8');
    expect(md).toContain('| webgl | lstm | 5 | 4 |');
    expect(md).toContain('| wasm | simpleRNN | 5 | 4 |');
  }, 180_000);
});
