// The planted-fault suite in CI: every fault found, no error on a control, precision and recall >= 0.9.
// The README table: PLANTED_FAULTS_TABLE=/tmp/table.md npx vitest run --project diagnostics test/planted-faults
// Held-out data (every data seed shifted; minutes, so not in CI):
//   PLANTED_FAULTS_HELD_OUT=5 PLANTED_FAULTS_HELD_OUT_TABLE=/tmp/held-out.md npx vitest run --project diagnostics test/planted-faults
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { SCENARIOS, makeScenarios } from './scenarios.js';
import { heldOutTable, markdownTable, precisionRecall, scoreScenario, type ScenarioResult } from './score.js';

const results: ScenarioResult[] = [];

describe('planted-fault suite', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: ${s.planted ? `reports ${s.planted}` : 'no error-severity finding'}`, async () => {
      const before = tf.memory().numTensors;
      const t0 = performance.now();
      const report = await s.run();
      const r = scoreScenario(s, report, (performance.now() - t0) / 1000);
      results.push(r);
      if (process.env.PLANTED_FAULTS_VERBOSE) console.log(s.name, report.findings.map((f) => `${f.code}:${f.severity}`).join(' '));
      expect(tf.memory().numTensors).toBe(before);
      if (s.planted) expect(r.reported).toContain(s.planted);
      else expect(r.errors).toEqual([]);
    }, 30_000);
  }

  it('precision and recall over the suite are both >= 0.9', () => {
    expect(results).toHaveLength(SCENARIOS.length);
    const { precision, recall } = precisionRecall(results);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  afterAll(() => {
    if (process.env.PLANTED_FAULTS_TABLE) writeFileSync(process.env.PLANTED_FAULTS_TABLE, markdownTable(results) + '\n');
  });
});

const heldOut = Number(process.env.PLANTED_FAULTS_HELD_OUT ?? 0);

describe.runIf(heldOut > 0)('planted-fault suite on held-out seeds', () => {
  it(`recall and precision >= 0.9 over ${heldOut} shifted seeds per scenario`, async () => {
    const runs: ScenarioResult[][] = [];
    for (let k = 1; k <= heldOut; k++) {
      const results: ScenarioResult[] = [];
      for (const s of makeScenarios(1000 * k)) {
        const t0 = performance.now();
        results.push(scoreScenario(s, await s.run(), (performance.now() - t0) / 1000));
      }
      runs.push(results);
    }
    if (process.env.PLANTED_FAULTS_HELD_OUT_TABLE) writeFileSync(process.env.PLANTED_FAULTS_HELD_OUT_TABLE, heldOutTable(runs) + '\n');
    const { precision, recall } = precisionRecall(runs.flat());
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
