// The benchmark harness works (tiny shapes, cpu): it measures both libraries and writes its reports.
// Speed itself is never asserted here; `pnpm bench` measures it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('bench/run.mjs --smoke', () => {
  it('trains and predicts each cell with rnnkit and tfjs-layers and writes JSON and Markdown', () => {
    const out = mkdtempSync(join(tmpdir(), 'rnnkit-bench-'));
    const r = spawnSync(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const { rows, meta } = JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8'));
    expect(meta.smoke).toBe(true);
    expect(rows.map((x: { cell: string }) => x.cell)).toEqual(['lstm', 'gru', 'simpleRNN']);
    for (const row of rows) {
      for (const lib of ['rnnkit', 'tfjsLayers']) {
        expect(row[lib].trainSamplesPerSec).toBeGreaterThan(0);
        expect(row[lib].predictSamplesPerSec).toBeGreaterThan(0);
        expect(row[lib].peakTensorBytes).toBeGreaterThan(0);
        // Neither side may leave tensors behind (they would inflate every later row's memory numbers).
        expect(row[lib].leakedTensors).toBe(0);
      }
      expect(row.trainRatio).toBeCloseTo(row.rnnkit.trainSamplesPerSec / row.tfjsLayers.trainSamplesPerSec, 6);
      // The matMul reference is the faster of a measurement before and one after the backend's rows.
      expect(row.matMulGflopsSamples).toHaveLength(2);
      expect(row.matMulGflops).toBe(Math.max(...row.matMulGflopsSamples));
      expect(row.rnnkitShareOfMatMul).toBeCloseTo(row.rnnkit.trainGflops / row.matMulGflops, 6);
    }
    const md = readFileSync(join(out, 'smoke.md'), 'utf8');
    expect(md).toContain('| cpu | lstm | 5 | 4 |');
    // The SIMD arithmetic ceiling the README's analysis divides by is measured in the same run.
    expect(meta.wasmSimdPeakGflops).toBeGreaterThan(0);
    expect(meta.wasmSimdPeakGflops).toBe(Math.max(...meta.wasmSimdPeakGflopsSamples));
    expect(md).toContain(`One core's WebAssembly SIMD arithmetic peak (f32x4 multiply and add from registers, bench/simd-peak.mjs; the faster of a measurement before and one after the rows): ${meta.wasmSimdPeakGflops.toFixed(1)} GFLOP/s.`);
  });
});
