// The READMEs quote the benchmark: these checks keep them from drifting away from the results files they cite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const tableOf = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('|')).join('\n');

interface Rates { trainSamplesPerSec: number; predictSamplesPerSec: number }
interface Row { backend: string; cell: string; T: number; units: number; rnnkit: Rates; tfjsLayers: Rates; trainRatio: number; predictRatio: number }

describe('benchmark results quoted in the docs', () => {
  it("bench/README.md shows latest.md's and browser-latest.md's tables as they are", () => {
    const readme = read('bench/README.md');
    for (const file of ['bench/results/latest.md', 'bench/results/browser-latest.md']) {
      const table = tableOf(read(file));
      expect(table.length, file).toBeGreaterThan(0);
      expect(readme.includes(table), `${file}'s table is in bench/README.md`).toBe(true);
    }
  });

  it("the root README's speed table is latest.json's T = 100, 64-unit training rows", () => {
    const rows = (JSON.parse(read('bench/results/latest.json')) as { rows: Row[] }).rows;
    const readme = read('README.md');
    for (const backend of ['cpu', 'wasm', 'tensorflow']) {
      const cells = ['lstm', 'gru'].map((cell) => {
        const r = rows.find((x) => x.backend === backend && x.cell === cell && x.T === 100 && x.units === 64)!;
        return `${Math.round(r.rnnkit.trainSamplesPerSec)} / ${Math.round(r.tfjsLayers.trainSamplesPerSec)} (${r.trainRatio.toFixed(1)}x)`;
      });
      expect(readme).toContain(`| ${backend} | ${cells.join(' | ')} |`);
    }
  });

  it("backend-node's fused-LSTM table is tensorflow-fused-lstm/latest.json's rows", () => {
    const rows = (JSON.parse(read('bench/results/tensorflow-fused-lstm/latest.json')) as { rows: Row[] }).rows;
    const readme = read('packages/backend-node/README.md');
    const n = (v: number) => Math.round(v).toLocaleString('en-US');
    const quoted = rows.filter((r) => r.units === 64 || r.T === 100);
    expect(quoted.length).toBe(4);
    for (const r of quoted) {
      const train = `${n(r.rnnkit.trainSamplesPerSec)} / ${n(r.tfjsLayers.trainSamplesPerSec)} (${r.trainRatio.toFixed(1)}x)`;
      const predict = `${n(r.rnnkit.predictSamplesPerSec)} / ${n(r.tfjsLayers.predictSamplesPerSec)} (${r.predictRatio.toFixed(1)}x)`;
      expect(readme).toContain(`| T = ${r.T}, ${r.units} units | ${train} | ${predict} |`);
    }
  });
});
