// JSON out and back in. Non-finite numbers (NaN losses are evidence) survive as strings 'NaN', 'Infinity', '-Infinity'.
import { InvalidEvidenceError, describeValue } from '../errors.js';
import { FINDING_CODES } from '../findings.js';
import type { DiagnosisReport } from './report-types.js';

const NON_FINITE = '__nonFinite:';

export function toJSON(report: DiagnosisReport, space = 2): string {
  return JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}` : v), space);
}

export function fromJSON(text: string): DiagnosisReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith(NON_FINITE) ? Number(v.slice(NON_FINITE.length)) : v));
  } catch (e) {
    throw new InvalidEvidenceError('fromJSON', 'text', 'a JSON document', `invalid JSON (${(e as Error).message})`);
  }
  const r = parsed as Partial<DiagnosisReport>;
  if (typeof r !== 'object' || r === null || r.version !== 1) {
    throw new InvalidEvidenceError('fromJSON', 'text', 'a diagnosis report with version 1', describeValue(r?.version));
  }
  if (!Array.isArray(r.findings)) throw new InvalidEvidenceError('fromJSON', 'findings', 'an array', describeValue(r.findings));
  r.findings.forEach((f, i) => {
    if (!(FINDING_CODES as readonly string[]).includes(f.code)) {
      throw new InvalidEvidenceError('fromJSON', `findings[${i}].code`, 'a known finding code', describeValue(f.code));
    }
  });
  return r as DiagnosisReport;
}
