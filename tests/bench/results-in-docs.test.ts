// The READMEs quote the benchmark: these checks keep them from drifting away from the results files they cite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const tableOf = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('|')).join('\n');

interface Row { backend: string; cell: string; T: number; units: number; rnnkit: { trainSamplesPerSec: number }; tfjsLayers: { trainSamplesPerSec: number }; trainRatio: number }

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
});
