// EXPLODING_GRADIENTS: the global gradient norm jumps far above its recent level, or grows without bound.
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { median } from '../stats.js';

export interface ExplodingOptions {
  /** A batch whose norm exceeds this multiple of the median of the previous `window` batches is a spike. Default 10. */
  spikeFactor?: number;
  window?: number;
  /** The data is known to be finite: a non-finite gradient then comes from the model blowing up, not from NaN inputs. */
  dataFinite?: boolean;
}

export function checkExplodingGradients(gradNorm: number[] | undefined, opts: ExplodingOptions = {}): Finding[] {
  if (!gradNorm || gradNorm.length === 0) return [];
  const factor = opts.spikeFactor ?? 10;
  const w = opts.window ?? 10;
  const cut = gradNorm.findIndex((g) => !Number.isFinite(g));
  const g = cut < 0 ? gradNorm : gradNorm.slice(0, cut);
  const spikes: { batch: number; norm: number; factor: number }[] = [];
  // Against the recent level, but never below the run's typical level: when a model fits its data the norms
  // shrink, and one ordinary batch would otherwise look like a jump.
  const typical = median(g);
  for (let i = Math.min(w, Math.max(2, g.length >> 1)); i < g.length; i++) {
    const ref = Math.max(median(g.slice(Math.max(0, i - w), i)), typical);
    if (ref > 0 && g[i] > factor * ref) spikes.push({ batch: i, norm: g[i], factor: g[i] / ref });
  }
  const wentInf = cut >= 0 && ((cut > 0 && g[g.length - 1] > factor * median(g)) || opts.dataFinite === true);
  if (spikes.length === 0 && !wentInf) return [];
  const worst = spikes.reduce((a, b) => (b.factor > a.factor ? b : a), spikes[0] ?? { batch: cut, norm: Infinity, factor: Infinity });
  const severe = wentInf || worst.factor > 1000 || spikes.length / g.length > 0.05;
  // One isolated jump that training shrugged off is worth a note, not a warning; repeated or huge ones are not.
  const isolated = !wentInf && spikes.length === 1 && worst.factor < 100;
  return [{
    code: 'EXPLODING_GRADIENTS',
    severity: severe ? 'error' : isolated ? 'info' : 'warning',
    title: 'Exploding gradients',
    message: `The global gradient norm spiked ${spikes.length} time(s) above ${factor}x its recent median; the worst, at batch ${worst.batch}, ` +
      `was ${fmt(worst.factor)}x (norm ${fmt(worst.norm)}, median over the run ${fmt(g.length ? median(g) : NaN)})${wentInf ? `, and it became non-finite at batch ${cut} although the data is finite` : ''}.`,
    evidence: { spikes: spikes.slice(0, 20), spikeCount: spikes.length, batches: gradNorm.length, medianNorm: g.length ? median(g) : null, maxNorm: g.length ? Math.max(...g) : null, nonFiniteAt: cut },
    fixes: [FIX.clipGradients(), FIX.lowerLearningRate()],
  }];
}
