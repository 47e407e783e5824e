// PADDING_NOT_MASKED: padded steps reach a recurrent layer with no Masking / maskZero embedding before it.
import { pct, type Finding } from '../findings.js';
import type { ModelSummary } from '../evidence.js';
import { FIX } from '../fixes.js';

/** Padding found in the data: steps equal to the pad value at the front or the back of each row. */
export interface PaddingProfile {
  rows: number;
  steps: number;
  /** Padded steps at the front / back of rows (a row of all padding counts at the back). */
  leading: number;
  trailing: number;
  /** Rows with at least one padded step. */
  paddedRows: number;
}

export function paddingSide(p: PaddingProfile): 'pre' | 'post' | 'none' {
  if (p.leading + p.trailing === 0) return 'none';
  return p.trailing >= p.leading ? 'post' : 'pre';
}

export function checkPaddingNotMasked(model: ModelSummary | undefined, p: PaddingProfile | undefined): Finding[] {
  if (!model || !p || p.rows === 0 || p.steps === 0) return [];
  const unmasked = model.layers.filter((l) => l.recurrent && !l.masked);
  if (unmasked.length === 0) return [];
  const padded = p.leading + p.trailing;
  const fraction = padded / (p.rows * p.steps);
  const side = paddingSide(p);
  // A few zero steps are ordinary data; padding is a share of the steps, spread over many rows.
  if (side === 'none' || fraction < 0.1 || p.paddedRows / p.rows < 0.2) return [];
  const post = side === 'post';
  return [{
    code: 'PADDING_NOT_MASKED',
    severity: post || fraction > 0.5 ? 'error' : 'warning',
    title: 'Padding reaches the recurrent layer unmasked',
    message: `${pct(fraction)} of the input steps are ${post ? 'trailing' : 'leading'} padding in ${p.paddedRows} of ${p.rows} rows, and ` +
      `${unmasked.map((l) => `${l.name} (${l.className})`).join(', ')} sees them with no mask. ` +
      (post ? 'With post-padding the final state is computed from the padding, not from the sequence.' : 'The state must survive all those padded steps.'),
    evidence: { ...p, fraction, side, unmaskedLayers: unmasked.map((l) => l.name) },
    fixes: [FIX.masking(), FIX.prePadding(), FIX.bucketing()],
  }];
}
