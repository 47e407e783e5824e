// A self-contained HTML file: findings with fixes, and inline SVG charts. No scripts, no external resources.
import { lineChart, gradientHeatmap, lengthHistogram, coverageChart, type Series } from './charts.js';
import { esc } from './svg.js';
import type { DiagnosisReport } from './report-types.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}
.finding{border-left:5px solid #999;padding:.4em .9em;margin:1em 0;background:#fafafa}
.error{border-color:#d62728}.warning{border-color:#ff7f0e}.info{border-color:#1f77b4}
code,pre{background:#eee;padding:.1em .3em}pre{padding:.6em;overflow:auto}svg.chart{display:block;margin:1em 0;background:#fff}`;

export function formatHTML(report: DiagnosisReport, opts: { title?: string } = {}): string {
  const title = opts.title ?? 'rnnkit diagnostics';
  const { errors, warnings, infos } = report.summary;
  const findings = report.findings.map((f) => `<section class="finding ${f.severity}" id="${f.code}">
<h3>${esc(f.severity.toUpperCase())} <code>${esc(f.code)}</code> ${esc(f.title)}</h3><p>${esc(f.message)}</p>
${f.fixes.map((x) => `<p>Fix: ${esc(x.description)}</p><pre>${esc(x.snippet)}</pre>`).join('\n')}
<details><summary>Evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 1).slice(0, 4000))}</pre></details></section>`);
  const skipped = report.skipped.length ? `<h2>Not checked</h2><ul>${report.skipped.map((s) => `<li>${esc(s.check)}: ${esc(s.reason)}</li>`).join('')}</ul>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1><p>${errors} error(s), ${warnings} warning(s), ${infos} note(s).</p>
${findings.join('\n') || '<p>No problems found by the checks that ran.</p>'}
<h2>Charts</h2>${charts(report).join('\n') || '<p>No chart evidence was recorded.</p>'}
${skipped}</body></html>`;
}

function charts(r: DiagnosisReport): string[] {
  const c = r.charts;
  const out: string[] = [];
  if (c.history) {
    const s: Series[] = [{ name: 'loss', values: c.history.loss }];
    if (c.history.valLoss) s.push({ name: 'val loss', values: c.history.valLoss });
    out.push(lineChart('Loss per epoch', s, { xLabel: 'epoch', yLabel: 'loss' }));
  }
  if (c.trace && c.trace.loss.length > 0) out.push(lineChart('Loss per batch', [{ name: 'loss', values: c.trace.loss }], { xLabel: 'batch', yLabel: 'loss', log: true }));
  if (c.trace?.gradNorm) {
    const s: Series[] = [{ name: 'global', values: c.trace.gradNorm }];
    for (const [name, values] of Object.entries(c.trace.layerGradNorms ?? {})) s.push({ name, values });
    out.push(lineChart('Gradient norms per batch', s, { xLabel: 'batch', yLabel: 'norm (log)', log: true }));
  }
  if (c.gradientFlow) out.push(gradientHeatmap(c.gradientFlow));
  if (c.lengths) out.push(lengthHistogram(c.lengths));
  if (c.coverage) out.push(coverageChart(c.coverage));
  return out.filter((s) => s.length > 0);
}
