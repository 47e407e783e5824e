// Independent plain-JavaScript (float64, no tensors) implementations of each optimizer's published update rule,
// plus a small problem whose gradient is written out by hand. The tensor optimizers are checked against these.

export type Params = number[][];

export interface RefClip { clipnorm?: number; clipvalue?: number; globalClipnorm?: number }

export interface RefOptimizer {
  /** Updates params in place; `t` is 1 for the first update, lr the rate for this update. */
  step(params: Params, grads: Params, t: number, lr: number): void;
}

/** loss = sum_k sum_i a_k[i] * (w - c)^2 + q * w^4: non-linear, with gradient scale set by `a`. */
export interface Problem { init: Params; a: Params; c: Params; q: number }

export function problem(scale = 1): Problem {
  return {
    // |w| < 1 keeps float32's spacing (the ulp) at or below 6e-8 so the 1e-6 bound tests the formula, not storage.
    init: [[0.2, -0.48, 0.8, 0.12, -0.28, 0.44], [0.6, -0.16, 0.36, -0.88]],
    a: [[1, 2, 0.5, 3, 1.5, 0.25].map((v) => v * scale), [0.8, 4, 1.2, 0.1].map((v) => v * scale)],
    c: [[0.1, 0.2, -0.3, 0.4, -0.5, 0.6], [-1, 1, -0.5, 0.5]],
    q: 0.05,
  };
}

export function gradient(p: Problem, w: Params): Params {
  return w.map((wk, k) => wk.map((x, i) => 2 * p.a[k]![i]! * (x - p.c[k]![i]!) + 4 * p.q * x ** 3));
}

export function clipGrads(grads: Params, clip: RefClip): Params {
  const norm = (g: number[]) => Math.sqrt(g.reduce((s, x) => s + x * x, 0));
  if (clip.clipnorm !== undefined) {
    const c = clip.clipnorm;
    return grads.map((g) => { const n = norm(g); return n > c ? g.map((x) => (x * c) / n) : g; });
  }
  if (clip.globalClipnorm !== undefined) {
    const n = Math.sqrt(grads.reduce((s, g) => s + norm(g) ** 2, 0));
    const c = clip.globalClipnorm;
    return n > c ? grads.map((g) => g.map((x) => (x * c) / n)) : grads;
  }
  if (clip.clipvalue !== undefined) {
    const c = clip.clipvalue;
    return grads.map((g) => g.map((x) => Math.min(c, Math.max(-c, x))));
  }
  return grads;
}

/** Runs `steps` updates; returns the parameters after each (a deep copy per step). */
export function referenceTrajectory(
  p: Problem, opt: RefOptimizer, steps: number,
  options: { clip?: RefClip; lr: (iteration: number) => number; weightDecay?: number },
): Params[] {
  const w = p.init.map((v) => [...v]);
  const out: Params[] = [];
  for (let t = 1; t <= steps; t++) {
    const lr = options.lr(t - 1);
    const g = clipGrads(gradient(p, w), options.clip ?? {});
    if (options.weightDecay) w.forEach((wk) => wk.forEach((x, i) => { wk[i] = Math.fround(x - x * options.weightDecay! * lr); }));
    opt.step(w, g, t, lr);
    // The variables are float32: model only their storage (each step's result rounded), not the arithmetic, so
    // tiny updates (Adadelta's, weight decay's) do not drift by an ulp per step against float64 parameters.
    w.forEach((wk) => wk.forEach((x, i) => { wk[i] = Math.fround(x); }));
    out.push(w.map((v) => [...v]));
  }
  return out;
}

/** Per-element state, created lazily with the parameters' shapes. */
function slots(params: Params, init = 0): Params {
  return params.map((v) => v.map(() => init));
}

function each(params: Params, grads: Params, fn: (k: number, i: number, g: number) => void): void {
  params.forEach((wk, k) => wk.forEach((_, i) => fn(k, i, grads[k]![i]!)));
}

export function refSgd(momentum = 0, nesterov = false): RefOptimizer {
  let m: Params | null = null;
  return {
    step(w, g, _t, lr) {
      m ??= slots(w);
      each(w, g, (k, i, gi) => {
        if (momentum === 0) { w[k]![i]! -= lr * gi; return; }
        const v = momentum * m![k]![i]! - lr * gi;
        m![k]![i] = v;
        w[k]![i]! += nesterov ? momentum * v - lr * gi : v;
      });
    },
  };
}

export function refAdam(b1 = 0.9, b2 = 0.999, eps = 1e-7, amsgrad = false): RefOptimizer {
  let m: Params | null = null; let v: Params | null = null; let vh: Params | null = null;
  return {
    step(w, g, t, lr) {
      m ??= slots(w); v ??= slots(w); vh ??= slots(w);
      each(w, g, (k, i, gi) => {
        m![k]![i] = b1 * m![k]![i]! + (1 - b1) * gi;
        v![k]![i] = b2 * v![k]![i]! + (1 - b2) * gi * gi;
        vh![k]![i] = Math.max(vh![k]![i]!, v![k]![i]!);
        // Kingma & Ba, section 2 (the "epsilon hat" form Keras uses).
        const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
        w[k]![i]! -= (alpha * m![k]![i]!) / (Math.sqrt(amsgrad ? vh![k]![i]! : v![k]![i]!) + eps);
      });
    },
  };
}

export function refNadam(b1 = 0.9, b2 = 0.999, eps = 1e-7): RefOptimizer {
  let m: Params | null = null; let v: Params | null = null;
  let uProduct = 1; let lastT = 0;
  const mu = (t: number) => b1 * (1 - 0.5 * 0.96 ** (0.004 * t));
  return {
    step(w, g, t, lr) {
      m ??= slots(w); v ??= slots(w);
      if (t !== lastT) { uProduct *= mu(t); lastT = t; }
      const ut = mu(t); const ut1 = mu(t + 1);
      each(w, g, (k, i, gi) => {
        m![k]![i] = b1 * m![k]![i]! + (1 - b1) * gi;
        v![k]![i] = b2 * v![k]![i]! + (1 - b2) * gi * gi;
        const mHat = (ut1 * m![k]![i]!) / (1 - uProduct * ut1) + ((1 - ut) * gi) / (1 - uProduct);
        const vHat = v![k]![i]! / (1 - b2 ** t);
        w[k]![i]! -= (lr * mHat) / (Math.sqrt(vHat) + eps);
      });
    },
  };
}

export function refRmsprop(rho = 0.9, momentum = 0, eps = 1e-7, centered = false): RefOptimizer {
  let ms: Params | null = null; let mg: Params | null = null; let mom: Params | null = null;
  return {
    step(w, g, _t, lr) {
      ms ??= slots(w); mg ??= slots(w); mom ??= slots(w);
      each(w, g, (k, i, gi) => {
        ms![k]![i] = rho * ms![k]![i]! + (1 - rho) * gi * gi;
        let denom = ms![k]![i]!;
        if (centered) {
          mg![k]![i] = rho * mg![k]![i]! + (1 - rho) * gi;
          denom -= mg![k]![i]! ** 2;
        }
        const inc = (lr * gi) / Math.sqrt(denom + eps);
        if (momentum > 0) {
          mom![k]![i] = momentum * mom![k]![i]! + inc;
          w[k]![i]! -= mom![k]![i]!;
        } else {
          w[k]![i]! -= inc;
        }
      });
    },
  };
}

export function refAdagrad(initial = 0.1, eps = 1e-7): RefOptimizer {
  let acc: Params | null = null;
  return {
    step(w, g, _t, lr) {
      acc ??= slots(w, initial);
      each(w, g, (k, i, gi) => {
        acc![k]![i]! += gi * gi;
        w[k]![i]! -= (lr * gi) / Math.sqrt(acc![k]![i]! + eps);
      });
    },
  };
}

export function refAdadelta(rho = 0.95, eps = 1e-7): RefOptimizer {
  let ag: Params | null = null; let ad: Params | null = null;
  return {
    step(w, g, _t, lr) {
      ag ??= slots(w); ad ??= slots(w);
      each(w, g, (k, i, gi) => {
        ag![k]![i] = rho * ag![k]![i]! + (1 - rho) * gi * gi;
        // Zeiler (2012), algorithm 1, with Keras' learning-rate factor on the step.
        const delta = (-Math.sqrt(ad![k]![i]! + eps) / Math.sqrt(ag![k]![i]! + eps)) * gi;
        ad![k]![i] = rho * ad![k]![i]! + (1 - rho) * delta * delta;
        w[k]![i]! += lr * delta;
      });
    },
  };
}

export function refAdamax(b1 = 0.9, b2 = 0.999, eps = 1e-7): RefOptimizer {
  let m: Params | null = null; let u: Params | null = null;
  return {
    step(w, g, t, lr) {
      m ??= slots(w); u ??= slots(w);
      each(w, g, (k, i, gi) => {
        m![k]![i] = b1 * m![k]![i]! + (1 - b1) * gi;
        u![k]![i] = Math.max(b2 * u![k]![i]!, Math.abs(gi));
        w[k]![i]! -= (lr * m![k]![i]!) / ((1 - b1 ** t) * (u![k]![i]! + eps));
      });
    },
  };
}
