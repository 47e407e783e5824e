// VANISHING_GRADIENTS (and exploding through time): how |d loss / d x_t| changes from the last step back.
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import type { GradientFlow } from '../evidence.js';
import { linearFit, median } from '../stats.js';

export interface Horizon {
  /** Steps back from the last step (inclusive) over which the norm stays >= threshold x its maximum; = steps if it never drops. */
  horizon: number;
  /** Time steps with a measured norm. */
  steps: number;
  /** Norm at the earliest measured steps (median of the first three) / the maximum norm. */
  ratio: number;
  /** Geometric decay factor per step back (fitted to log10 norms). */
  decayPerStep: number;
  threshold: number;
}

/** The effective memory horizon of one gradient-flow profile (oldest step first; NaN steps are skipped). */
export function effectiveHorizon(norms: ArrayLike<number>, threshold = 1e-2): Horizon {
  const back: number[] = [];
  for (let t = norms.length - 1; t >= 0; t--) if (Number.isFinite(norms[t])) back.push(norms[t]);
  const max = Math.max(...back, 0);
  if (back.length === 0 || max <= 0) return { horizon: 0, steps: back.length, ratio: NaN, decayPerStep: NaN, threshold };
  let horizon = back.findIndex((v) => v < threshold * max);
  if (horizon < 0) horizon = back.length;
  // Fit only steps whose norm did not underflow (float32 gradients hit 0 long before a geometric decay does).
  const ks: number[] = [];
  const logs: number[] = [];
  back.forEach((v, k) => {
    if (v > max * 1e-30) {
      ks.push(k);
      logs.push(Math.log10(v));
    }
  });
  const { slope } = linearFit(ks, logs);
  // The earliest steps' level: the median of the first three, so one noisy step does not decide.
  const earliest = median(back.slice(-3));
  return { horizon, steps: back.length, ratio: earliest / max, decayPerStep: 10 ** slope, threshold };
}

/** Median per step over the last `n` probes: one profile robust to a single odd batch. */
export function recentProfile(flow: GradientFlow, n = 3): number[] {
  const probes = flow.probes.slice(-n);
  if (probes.length === 0) return [];
  const T = Math.max(...probes.map((p) => p.norms.length));
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    const vals = probes.map((p) => p.norms[t]).filter((v) => Number.isFinite(v));
    out.push(vals.length ? median(vals) : NaN);
  }
  return out;
}

export interface GradientFlowOptions {
  /** Ratio earliest/max below which gradients vanish (warning). Default 1e-3. */
  warnRatio?: number;
  /** ... and error. Default 1e-5. */
  errorRatio?: number;
  /** Cell of the recurrent layer, for the fix. */
  cell?: string;
}

export function checkGradientFlow(flow: GradientFlow | undefined, opts: GradientFlowOptions = {}): Finding[] {
  if (!flow || flow.probes.length === 0) return [];
  const profile = recentProfile(flow);
  const h = effectiveHorizon(profile);
  if (h.steps < 2 || !Number.isFinite(h.ratio)) return [];
  const out: Finding[] = [];
  const warn = opts.warnRatio ?? 1e-3;
  const err = opts.errorRatio ?? 1e-5;
  const last = profile.filter(Number.isFinite);
  const growth = last[0] / last[last.length - 1];
  const evidence = { ...h, profile, probes: flow.probes.length, growthFirstOverLast: growth };
  // Vanishing means a real share of the sequence is out of reach, not only that the first step is faint.
  if (h.ratio < warn && (h.ratio < err || h.horizon < 0.75 * h.steps)) {
    // Windows shorter than ~10 steps rarely hold a task's signal: suggest at least that.
    const window = FIX.truncatedBptt(Math.max(10, 2 * h.horizon));
    const fixes = opts.cell === 'lstm' ? [FIX.forgetBias(), window] : opts.cell === 'gru' ? [window] : [FIX.gatedCell(), window];
    out.push({
      code: 'VANISHING_GRADIENTS',
      severity: h.ratio < err ? 'error' : 'warning',
      title: 'Vanishing gradients',
      message: `The gradient reaching the input at the earliest of ${h.steps} steps is ${fmt(h.ratio)} of its maximum ` +
        `(${fmt(-Math.log10(h.ratio))} orders of magnitude; about x${fmt(h.decayPerStep)} per step back). ` +
        `Effective horizon: ${h.horizon} steps; inputs further back barely influence learning.`,
      evidence,
      fixes,
    });
  } else if (growth > 1e3) {
    out.push({
      code: 'EXPLODING_GRADIENTS',
      severity: growth > 1e6 ? 'error' : 'warning',
      title: 'Gradients explode through time',
      message: `The gradient at the earliest step is ${fmt(growth)}x the one at the last step: it grows going back in time.`,
      evidence,
      fixes: [FIX.clipGradients()],
    });
  }
  return out;
}
