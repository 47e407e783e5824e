// --compare: the same task without and with the seed article's cures, side by side.
import type { RunOptions, RunResult } from './run-options.js';

export function uncured(o: RunOptions): RunOptions {
  return { ...o, cell: 'simpleRNN', bidirectional: false, clipnorm: 0, padding: 'post', mask: false, bucketing: false };
}

export function cured(o: RunOptions): RunOptions {
  return { ...o, cell: o.cell === 'simpleRNN' ? 'lstm' : o.cell, clipnorm: 1, mask: true, bucketing: o.task !== 'adding' };
}

export function comparisonTable(a: RunResult, b: RunResult): string {
  const codes = (r: RunResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity === 'error' ? 'E' : 'W'}:${f.code}`).join(' ') || 'none';
  const rows: [string, string, string][] = [
    ['', 'without cures', 'with cures'],
    [`test ${a.metricName}`, a.testMetric.toFixed(3), b.testMetric.toFixed(3)],
    ['trivial baseline', a.baselineMetric.toFixed(3), b.baselineMetric.toFixed(3)],
    ['final train loss', a.finalLoss.toFixed(4), b.finalLoss.toFixed(4)],
    ['samples/s', a.samplesPerSecond.toFixed(0), b.samplesPerSecond.toFixed(0)],
    ['findings', codes(a), codes(b)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length)) + 2;
  const w1 = Math.max(...rows.map((r) => r[1].length)) + 2;
  const better = b.higherIsBetter ? b.testMetric > a.testMetric : b.testMetric < a.testMetric;
  return [...rows.map((r) => r[0].padEnd(w0) + r[1].padEnd(w1) + r[2]), `the cured model ${better ? 'wins' : 'does NOT win'} on test ${a.metricName}`].join('\n');
}
