// Precision and recall of the diagnostics over the planted-fault suite.
import type { DiagnosisReport, FindingCode } from '../../src/index.js';
import type { Scenario } from './scenarios.js';

export interface ScenarioResult {
  name: string;
  fault: string;
  planted: FindingCode | null;
  /** Codes reported at error or warning severity. */
  reported: FindingCode[];
  errors: FindingCode[];
  detected: boolean;
  /** Reported codes that are neither the planted code nor a documented consequence of it. */
  falseAlarms: FindingCode[];
  seconds: number;
}

export function scoreScenario(s: Scenario, r: DiagnosisReport, seconds: number): ScenarioResult {
  const reported = r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
  const allowed = new Set<FindingCode>(s.planted ? [s.planted, ...s.consequences] : []);
  return {
    name: s.name, fault: s.fault, planted: s.planted, reported,
    errors: r.findings.filter((f) => f.severity === 'error').map((f) => f.code),
    detected: s.planted !== null && reported.includes(s.planted),
    falseAlarms: reported.filter((c) => !allowed.has(c)),
    seconds,
  };
}

/** Recall: faulty scenarios whose planted code was reported. Precision: reported codes that were right. */
export function precisionRecall(results: ScenarioResult[]): { precision: number; recall: number } {
  const faulty = results.filter((r) => r.planted !== null);
  const reported = results.reduce((a, r) => a + r.reported.length, 0);
  const wrong = results.reduce((a, r) => a + r.falseAlarms.length, 0);
  return { recall: faulty.filter((r) => r.detected).length / Math.max(faulty.length, 1), precision: reported === 0 ? 1 : (reported - wrong) / reported };
}

export function markdownTable(results: ScenarioResult[]): string {
  const { precision, recall } = precisionRecall(results);
  const rows = results.map((r) => `| ${r.name} | ${r.fault} | ${r.planted ?? '(control)'} | ${r.planted ? (r.detected ? 'yes' : '**no**') : (r.errors.length ? '**error reported**' : 'no error')} | ${r.reported.join(', ') || '-'} | ${r.falseAlarms.join(', ') || '-'} | ${r.seconds.toFixed(1)} |`);
  return ['| scenario | planted fault | expected code | found | reported (error/warning) | false alarms | s |', '|---|---|---|---|---|---|---|', ...rows, '',
    `Recall ${recall.toFixed(2)} (${results.filter((r) => r.detected).length}/${results.filter((r) => r.planted).length} faults found), ` +
    `precision ${precision.toFixed(2)} (${results.reduce((a, r) => a + r.reported.length - r.falseAlarms.length, 0)}/${results.reduce((a, r) => a + r.reported.length, 0)} reported codes right).`].join('\n');
}

/** Held-out runs: per scenario, how often (over seed offsets) the fault was found or a control stayed clean. */
export function heldOutTable(runs: ScenarioResult[][]): string {
  const names = runs[0]?.map((r) => r.name) ?? [];
  const all = runs.flat();
  const { precision, recall } = precisionRecall(all);
  const rows = names.map((name, i) => {
    const rs = runs.map((r) => r[i]);
    const ok = rs.filter((r) => (r.planted ? r.detected : r.errors.length === 0)).length;
    const alarms = [...new Set(rs.flatMap((r) => r.falseAlarms))];
    return `| ${name} | ${rs[0].planted ?? '(control)'} | ${ok}/${rs.length} | ${alarms.join(', ') || '-'} |`;
  });
  return ['| scenario | expected code | found (controls: no error) | false alarms seen |', '|---|---|---|---|', ...rows, '',
    `Held-out seeds (${runs.length} per scenario): recall ${recall.toFixed(2)}, precision ${precision.toFixed(2)} ` +
    `(${all.reduce((a, r) => a + r.reported.length - r.falseAlarms.length, 0)}/${all.reduce((a, r) => a + r.reported.length, 0)} reported codes right).`].join('\n');
}
