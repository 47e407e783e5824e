// A readable terminal summary: one block per finding, most important first.
import type { DiagnosisReport } from './report-types.js';

const MARK = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' } as const;

export function formatText(report: DiagnosisReport, opts: { fixes?: boolean } = {}): string {
  const { errors, warnings, infos } = report.summary;
  const lines = [`rnnkit diagnostics: ${errors} error(s), ${warnings} warning(s), ${infos} note(s)`];
  if (report.findings.length === 0) lines.push('  No problems found by the checks that ran.');
  for (const f of report.findings) {
    lines.push('', `${MARK[f.severity]} ${f.code}: ${f.title}`, ...wrap(f.message, 92).map((l) => `  ${l}`));
    if (opts.fixes !== false) {
      for (const fix of f.fixes) {
        lines.push(`  fix: ${fix.description}`);
        for (const s of fix.snippet.split('\n')) lines.push(`       ${s}`);
      }
    }
  }
  if (report.skipped.length > 0) {
    lines.push('', 'Not checked:');
    for (const s of report.skipped) lines.push(`  - ${s.check}: ${s.reason}`);
  }
  return lines.join('\n');
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
