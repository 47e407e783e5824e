// UNSCALED_INPUTS: feature magnitudes far from 1, or differing by orders of magnitude between features.
import { fmt, type Finding } from '../findings.js';
import type { FeatureStats } from '../evidence.js';
import { FIX } from '../fixes.js';

export function checkUnscaledInputs(s: FeatureStats | undefined): Finding[] {
  if (!s || s.rms.length === 0) return [];
  const scales = s.rms.filter((v) => Number.isFinite(v));
  if (scales.length === 0) return [];
  const maxScale = Math.max(...scales);
  const nonZero = scales.filter((v) => v > 0);
  const minScale = nonZero.length ? Math.min(...nonZero) : 0;
  const spread = minScale > 0 ? maxScale / minScale : 1;
  const big = maxScale > 10;
  const uneven = spread > 1e3;
  if (!big && !uneven) return [];
  const worst = s.rms.indexOf(maxScale);
  return [{
    code: 'UNSCALED_INPUTS',
    severity: maxScale > 100 ? 'error' : 'warning',
    title: 'Inputs are not scaled',
    message: `Feature ${worst} has a root-mean-square of ${fmt(maxScale)}` +
      (uneven ? `, ${fmt(spread)}x the smallest feature's (${fmt(minScale)})` : '') +
      '. tanh and sigmoid saturate on inputs this large, and their gradients vanish.',
    evidence: { rms: s.rms, mean: s.mean, std: s.std, maxScale, minScale, spread, worstFeature: worst },
    fixes: [FIX.scaleInputs()],
  }];
}
