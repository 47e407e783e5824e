// The finding model: what every check returns and every report renders. Codes are stable API.

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every finding code, ordered by likely impact on training (first = most likely to stop a model from learning).
 * Ranking uses this order after severity, so it is part of the contract.
 */
export const FINDING_CODES = [
  'NON_FINITE',
  'SAMPLES_DROPPED',
  'LEARNING_RATE_TOO_HIGH',
  'EXPLODING_GRADIENTS',
  'PADDING_NOT_MASKED',
  'UNSCALED_INPUTS',
  'VANISHING_GRADIENTS',
  'ORDER_NOT_SHUFFLED',
  'VALIDATION_SPLIT_BIASED',
  'TRUNCATION_LOSES_DATA',
  'SEQUENCES_TOO_LONG',
  'SATURATED_GATES',
  'SAMPLES_DUPLICATED',
  'PADDING_DOMINATES',
  'LOSS_PLATEAU',
  'LEARNING_RATE_TOO_LOW',
  'OVERFITTING',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** A concrete change, with code in rnnkit's API. */
export interface Fix {
  description: string;
  snippet: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  title: string;
  /** One or two sentences with the numbers that matter. */
  message: string;
  /** The numbers behind the finding (JSON-serialisable). */
  evidence: Record<string, unknown>;
  fixes: Fix[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings by severity, then by the code's impact order; stable for equal keys. Returns a new array. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        FINDING_CODES.indexOf(a.f.code) - FINDING_CODES.indexOf(b.f.code) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** Rounds for messages: 3 significant digits, exponent form for very small or large magnitudes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** Formats a fraction in [0, 1] as a percentage. */
export function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
}
