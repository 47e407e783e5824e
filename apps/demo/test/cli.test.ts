import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import { comparisonTable, cured, uncured } from '../src/compare.js';
import { runAdding } from '../src/run-adding.js';
import type { RunOptions } from '../src/run-options.js';
import { runSpam } from '../src/run-spam.js';
import { runSyllables } from '../src/run-syllables.js';

const out = mkdtempSync(join(tmpdir(), 'rnnkit-demo-'));
const lines: string[] = [];
const base: RunOptions = {
  task: 'spam', cell: 'lstm', bidirectional: false, units: 8, epochs: 1, batchSize: 32, maxlen: 40, padding: 'pre', truncating: 'post',
  bucketing: true, mask: true, optimizer: 'adam', learningRate: 0.01, clipnorm: 1, seed: 1, samples: 150, out, log: (l) => lines.push(l), progress: false,
};

beforeAll(async () => {
  await useBackend('wasm', { log: () => {} });
});

describe('demo runs (tiny configurations)', () => {
  it('spam: trains on SpamAssassin text, reports coverage, the test metric against the baseline, and writes the files', async () => {
    const before = tf.memory().numTensors;
    const r = await runSpam(base, 'spam-test');
    expect(tf.memory().numTensors).toBe(before);
    expect(r.backend).toBe('wasm');
    expect(lines.some((l) => /^epoch 1\/1 {2}120\/120 samples {2}loss [\d.]+ {2}acc [\d.]+ {2}\d+ samples\/s {2}wasm$/.test(l))).toBe(true);
    expect(lines).toContain('coverage: every epoch saw all 120 training samples; last epoch ' + JSON.parse(readFileSync(join(out, 'spam-test', 'coverage.json'), 'utf8')).epochs[0].batches + ' batches, '
      + lines.find((l) => l.startsWith('coverage:'))!.split(' batches, ')[1]);
    expect(lines.some((l) => /^test accuracy 0\.\d{3} {2}\(majority-class baseline 0\.\d{3}\) {2}on wasm/.test(l))).toBe(true);
    for (const f of r.files) expect(existsSync(f), f).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'spam-test', 'model', 'model.json'), 'utf8'));
    expect(model.format).toBe('layers-model');
    expect(readFileSync(join(out, 'spam-test', 'diagnostics.html'), 'utf8')).toContain('<svg');
  });

  it('adding: an LSTM run writes its report and compares with the predict-the-mean baseline', async () => {
    const r = await runAdding({ ...base, task: 'adding', maxlen: 12, samples: 64, units: 6 }, 'adding-test');
    expect(r.metricName).toBe('mse');
    expect(Number.isFinite(r.testMetric) && Number.isFinite(r.baselineMetric)).toBe(true);
    expect(lines.some((l) => /^test mse [\d.]+ {2}\(predict-the-mean baseline [\d.]+\) {2}on wasm$/.test(l))).toBe(true);
  });
});

describe('syllables (CMUdict, character level)', () => {
  it('trains a 6-class character model and reports accuracy against the majority class', async () => {
    const before = tf.memory().numTensors;
    const r = await runSyllables({ ...base, task: 'syllables', samples: 300, maxlen: 12 }, 'syllables-test');
    expect(tf.memory().numTensors).toBe(before);
    expect(r.metricName).toBe('accuracy');
    expect(lines.find((l) => l.startsWith('syllables-test:'))).toMatch(/^syllables-test: 300 CMUdict words \(2\d\d train, \d\d test\), 6 syllable classes/);
    expect(lines.some((l) => /^test accuracy 0\.\d{3} {2}\(majority-class baseline 0\.\d{3}\) {2}on wasm$/.test(l))).toBe(true);
    for (const f of r.files) expect(existsSync(f), f).toBe(true);
  });
});

describe('--compare', () => {
  it('removes the cures on one side and applies them on the other', () => {
    expect(uncured(base)).toMatchObject({ cell: 'simpleRNN', clipnorm: 0, padding: 'post', mask: false, bucketing: false });
    expect(cured({ ...base, cell: 'simpleRNN' })).toMatchObject({ cell: 'lstm', clipnorm: 1, mask: true, bucketing: true });
  });

  it('prints both results side by side and says which wins', () => {
    const r = (m: number, codes: string[]) => ({ label: '', backend: 'cpu', metricName: 'accuracy', testMetric: m, baselineMetric: 0.69, higherIsBetter: true, finalLoss: 0.1, seconds: 1, samplesPerSecond: 100,
      findings: codes.map((code) => ({ code, severity: 'error', title: '' })), files: [] });
    const table = comparisonTable(r(0.78, ['PADDING_NOT_MASKED']), r(0.96, []));
    expect(table.split('\n')[1]).toMatch(/^test accuracy +0\.780 +0\.960$/);
    expect(table).toContain('E:PADDING_NOT_MASKED');
    expect(table.split('\n').at(-1)).toBe('the cured model wins on test accuracy');
  });
});

describe('the CLI binary', () => {
  it('writes to the demo package out/ by default, whatever directory it starts in', async () => {
    const { spawnSync } = await import('node:child_process');
    const { readdirSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const packageOut = fileURLToPath(new URL('../out/adding/', import.meta.url));
    const cwd = mkdtempSync(join(tmpdir(), 'rnnkit-demo-cwd-'));
    const run = spawnSync(process.execPath, [cli, '--task', 'adding', '--samples', '32', '--maxlen', '6', '--units', '4', '--epochs', '1', '--backend', 'cpu', '--no-progress'], { cwd, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const wrote = run.stdout.split('\n').find((l) => l.startsWith('wrote '))!;
    expect(wrote.slice('wrote '.length).split(', ')).toEqual(['model/model.json', 'diagnostics.json', 'diagnostics.html'].map((f) => join(packageOut, f)));
    expect(readdirSync(cwd)).toEqual([]);
  }, 130_000);
});
