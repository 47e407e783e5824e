import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../findings.js';
import { runChecks } from '../run-checks.js';
import { formatHTML } from './html-report.js';
import { fromJSON, toJSON } from './json-report.js';
import { formatText } from './text-report.js';

function sickReport() {
  const T = 40;
  return runChecks({
    history: { loss: [1, 0.9, 0.8, 0.85, 0.9, 1.0, 1.2], valLoss: [1, 0.95, 0.9, 0.95, 1.1, 1.3, 1.5] },
    trace: { loss: [1, 0.9, 0.95, 0.9, 0.88, NaN], gradNorm: [1, 1, 1.1, 0.9, 1, Infinity], layerGradNorms: { lstm: [0.5, 0.5, 0.6, 0.4, 0.5, Infinity] } },
    gradientFlow: { probes: [0, 1, 2].map((epoch) => ({ batch: epoch * 10, epoch, norms: Array.from({ length: T }, (_, t) => (t < 5 ? NaN : 0.6 ** (T - 1 - t))) })) },
    lengths: { lengths: [10, 20, 35, 80, 120], maxlen: 40, padding: 'pre', truncating: 'pre' },
    features: { mean: [3e3], std: [1e3], rms: [3e3], nonFinite: 0 },
    epochCounts: { datasetSize: 100, seenPerEpoch: [96, 96] },
  });
}

describe('reports', () => {
  it('the text summary lists every finding with its fix, and what was not checked', () => {
    const r = sickReport();
    const text = formatText(r);
    expect(text.split('\n')[0]).toBe(`rnnkit diagnostics: ${r.summary.errors} error(s), ${r.summary.warnings} warning(s), ${r.summary.infos} note(s)`);
    for (const f of r.findings) expect(text).toContain(`${f.code}: ${f.title}`);
    expect(text).toContain('fix: ');
    expect(text).toContain('Not checked:');
    expect(r.findings.length).toBeGreaterThanOrEqual(5);
  });

  it('JSON round-trips, non-finite evidence included', () => {
    const r = sickReport();
    const back = fromJSON(toJSON(r));
    expect(back).toEqual(r);
    expect(Number.isNaN(back.charts.trace!.loss[5])).toBe(true);
    expect(() => fromJSON('{"version":2}')).toThrow("fromJSON: 'text' must be a diagnosis report with version 1, got 2");
    expect(() => fromJSON('nope')).toThrow("fromJSON: 'text' must be a JSON document");
    expect(() => fromJSON('{"version":1,"findings":[{"code":"NOPE"}]}')).toThrow("'findings[0].code' must be a known finding code");
  });

  it('the HTML is self-contained, with every finding and an SVG per chart', () => {
    const r = sickReport();
    const html = formatHTML(r);
    for (const f of r.findings) expect(html).toContain(`id="${f.code}"`);
    for (const klass of ['line', 'heatmap', 'lengths', 'coverage']) expect(html).toContain(`class="chart ${klass}"`);
    expect(html.match(/<svg /g)?.length).toBe(6); // 2 loss curves, gradient norms, heatmap, lengths, coverage
    expect(html).toContain('class="maxlen"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // Heatmap: one cell per time step per probe, padding steps drawn grey.
    const heat = html.slice(html.indexOf('class="chart heatmap"'));
    expect(heat.slice(0, heat.indexOf('</svg>')).match(/<rect /g)?.length).toBe(3 * 40);
    expect(html).toContain('fill="#ddd"');
  });

  it('a healthy run renders with no findings', () => {
    const r = runChecks({ history: { loss: [1, 0.5, 0.3, 0.2, 0.15, 0.12, 0.1] } });
    expect(r.findings).toEqual([]);
    expect(formatText(r)).toContain('No problems found by the checks that ran.');
    expect(formatHTML(r)).toContain('No problems found');
    expect(FINDING_CODES).toHaveLength(17);
  });
});
