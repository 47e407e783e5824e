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
        expect(row[lib].leakedTensors).toBe(0);
      }
    }
    expect(meta.tfjsCore).toBe('4.22.0');
    expect(meta.renderer).toMatch(/\S/);
    expect(meta.kernelPaths.webgl.renderer).toBe(meta.renderer);
    const md = readFileSync(join(out, 'browser-smoke.md'), 'utf8');
    expect(md).toContain('| webgl | lstm | 5 | 4 |');
    expect(md).toContain('| wasm | simpleRNN | 5 | 4 |');
    expect(md).toContain(`WebGL renderer: ${meta.renderer}`);
    // Software WebGL (SwiftShader, as on CI) must be called out as a harness check, not a speed number.
    if (/swiftshader/i.test(meta.renderer)) expect(md).toContain('SwiftShader (software rendering on the CPU)');
  }, 180_000);

  run('fails, rather than measuring another engine, when the page cannot get the backend it asks for', () => {
    const out = mkdtempSync(join(tmpdir(), 'rnnkit-browser-bench-'));
    const r = spawnSync(process.execPath, ['bench/browser/run-browser.mjs', '--smoke', '--backends', 'webgl', '--hide-webgl', '--out', out],
      { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stderr).toMatch(/backend 'webgl'/);
    expect(existsSync(join(out, 'browser-smoke.json'))).toBe(false);
  }, 150_000);
});
