// GRU over a whole sequence (Keras gates z, r, h), both reset placements:
//   resetAfter true:  hh = act(x_h + r * (hIn·R_h + b_rh))      resetAfter false: hh = act(x_h + (r * hIn)·R_h)
//   h' = z*h + (1-z)*hh, where hIn is h times the recurrent dropout mask and the carried z*h keeps h itself.
import { activateBlock } from './activation-math.js';
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import { giveBack, takeArray } from './buffer-pool.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, droppedState, inputGradient, isReal,
  projectInputs, stepMask, stepRows, storeRows, timeIndex, weightGradients,
} from './sequence-data.js';

/** Columns [from, to) of a row-major [rows, cols] matrix. */
function columns(a: Float32Array, rows: number, cols: number, from: number, to: number): Float32Array {
  const w = to - from;
  const out = new Float32Array(rows * w);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * cols + from, r * cols + to), r * w);
  return out;
}

export function gruForward(d: SequenceData, mm: MatMulProvider): ForwardResult {
  const { B, T, U, resetAfter } = d;
  const G = 3 * U;
  const inputBias = d.bias && resetAfter ? d.bias.subarray(0, G) : d.bias;
  const recBias = d.bias && resetAfter ? d.bias.subarray(G, 2 * G) : undefined;
  const xp = projectInputs({ ...d, bias: inputBias }, mm, G);
  // resetAfter: one product for all three gates; otherwise z,r first, then (r*hIn)·R_h.
  const R = resetAfter ? mm.prepareRight(d.recurrentKernel, U, G) : mm.prepareRight(columns(d.recurrentKernel, U, G, 0, 2 * U), U, 2 * U);
  const Rh = resetAfter ? undefined : mm.prepareRight(columns(d.recurrentKernel, U, G, 2 * U, G), U, U);
  const { act, ract } = d;
  const h = d.initialState[0].slice();
  const save = d.saveForBackward;
  const n = T * B * U;
  // Saved for backward; every row is written each step.
  const Z = save ? takeArray(n, false) : undefined;
  const Rg = save ? takeArray(n, false) : undefined;
  const HH = save ? takeArray(n, false) : undefined;
  const HPrev = save ? takeArray(n, false) : undefined;
  const HIn = save ? takeArray(n, false) : undefined;
  const RecH = save ? takeArray(n, false) : undefined; // resetAfter: hIn·R_h + b_rh; else r*hIn
  const buf = () => new Float32Array(B * U);
  const hInBuf = buf(), hNew = buf(), zBuf = buf(), rBuf = buf(), hhBuf = buf(), innerBuf = buf();
  const W = resetAfter ? G : 2 * U;
  const rb = recBias ?? new Float32Array(G);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (HIn) storeRows(d, t, hIn, U, HIn);
      if (HPrev) storeRows(d, t, h, U, HPrev);
      const xpt = stepRows(d, xp, t, G);
      const zr = R.mul(hIn, B);
      const zs = Z ? stepRows(d, Z, t, U) : zBuf;
      const rs = Rg ? stepRows(d, Rg, t, U) : rBuf;
      const hh = HH ? stepRows(d, HH, t, U) : hhBuf;
      const inner = RecH ? stepRows(d, RecH, t, U) : innerBuf;
      const step = { act: act.name, ract: ract.name, B, U, rec: zr, xp: xpt, rb, h, z: zs, r: rs, inner, hh, hNew };
      if (!resetAfter || !mm.steps?.gruForward?.(step)) stepForward(zr, xpt, hIn, zs, rs, hh, inner);
      emitter.step(s, t, hNew, h);
    }
  } finally {
    R.dispose();
    Rh?.dispose();
    giveBack(xp);
  }

  /** The step's gates and candidate, element by element (resetAfter false, or providers without a GRU step). */
  function stepForward(zr: Float32Array, xpt: Float32Array, hIn: Float32Array, zs: Float32Array, rs: Float32Array, hh: Float32Array, inner: Float32Array): void {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < 2 * U; j++) zr[b * W + j] += xpt[b * G + j] + (recBias ? recBias[j] : 0);
    }
    activateBlock(mm, ract, zr, 0, B, 2 * U, W);
    for (let b = 0; b < B; b++) {
      for (let u = 0, idx = b * U; u < U; u++, idx++) {
        zs[idx] = zr[b * W + u];
        const r = (rs[idx] = zr[b * W + U + u]);
        if (resetAfter) {
          const v = (inner[idx] = zr[b * G + 2 * U + u] + (recBias ? recBias[2 * U + u] : 0));
          hh[idx] = xpt[b * G + 2 * U + u] + r * v;
        } else inner[idx] = r * hIn[idx];
      }
    }
    if (!resetAfter) {
      const recH = Rh!.mul(inner, B);
      for (let b = 0; b < B; b++) {
        for (let u = 0, idx = b * U; u < U; u++, idx++) hh[idx] = xpt[b * G + 2 * U + u] + recH[idx];
      }
    }
    activateBlock(mm, act, hh, 0, 1, B * U, B * U);
    for (let idx = 0; idx < B * U; idx++) hNew[idx] = zs[idx] * h[idx] + (1 - zs[idx]) * hh[idx];
  }

  const outputs = emitter.finish();
  if (!save) return { outputs, states: [h] };

  const backward = (dOutputs: Float32Array, [dhT]: Float32Array[]) => {
    const dh = dhT.slice();
    const grad = new OutputGradient(d, dOutputs);
    const dXP = takeArray(T * B * G);
    // Gradient reaching each gate's recurrent product: resetAfter [z, r, h] with dRec_h = dah * r; else [z, r] and dah.
    const RW = resetAfter ? G : 2 * U;
    const dRec = takeArray(T * B * RW);
    const dAh = resetAfter ? undefined : takeArray(T * B * U);
    const dRh = new Float32Array(B * U);
    const direct = new Float32Array(B * U);
    const dahBuf = new Float32Array(B * U);
    const maskBuf = new Float32Array(B);
    const RT = mm.prepareRight(transposeMatrix(resetAfter ? d.recurrentKernel : columns(d.recurrentKernel, U, G, 0, 2 * U), U, RW), RW, U);
    const RhT = resetAfter ? undefined : mm.prepareRight(transposeMatrix(columns(d.recurrentKernel, U, G, 2 * U, G), U, U), U, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        const dx = stepRows(d, dXP, t, G);
        const dr = stepRows(d, dRec, t, RW);
        const dah = dAh ? stepRows(d, dAh, t, U) : dahBuf;
        const zs = stepRows(d, Z!, t, U), rs = stepRows(d, Rg!, t, U), hhs = stepRows(d, HH!, t, U);
        const hp = stepRows(d, HPrev!, t, U), inner = stepRows(d, RecH!, t, U), hIn = stepRows(d, HIn!, t, U);
        const mask = stepMask(d, t, maskBuf);
        const fused = resetAfter && mm.steps?.gruBackward?.({ act: act.name, ract: ract.name, B, U, mask, z: zs, r: rs, hh: hhs, hp, inner, dhn, direct, dah, dx, dr });
        for (let b = 0; b < B && !fused; b++) {
          const real = isReal(d, b, t);
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            if (!real) {
              dah[idx] = 0;
              direct[idx] = 0;
              continue; // dx rows stay 0
            }
            const z = zs[idx], hh = hhs[idx];
            const dhv = dhn[idx];
            direct[idx] = dhv * z;
            const a = (dah[idx] = dhv * (1 - z) * act.dFromOutput(hh));
            dx[b * G + u] = dhv * (hp[idx] - hh) * ract.dFromOutput(z);
            dx[b * G + 2 * U + u] = a;
            if (resetAfter) dx[b * G + U + u] = a * inner[idx] * ract.dFromOutput(rs[idx]);
          }
        }
        if (!resetAfter) {
          // d(r*hIn) = dah · R_hᵀ, then split into r and hIn.
          const dRH = RhT!.mul(dah, B);
          for (let b = 0; b < B; b++) {
            const real = isReal(d, b, t);
            for (let u = 0, idx = b * U; u < U; u++, idx++) {
              dx[b * G + U + u] = real ? dRH[idx] * hIn[idx] * ract.dFromOutput(rs[idx]) : 0;
              dRh[idx] = real ? dRH[idx] * rs[idx] : 0;
            }
          }
        }
        for (let b = 0; b < B && !fused; b++) {
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            dr[b * RW + u] = dx[b * G + u];
            dr[b * RW + U + u] = dx[b * G + U + u];
            if (resetAfter) dr[b * RW + 2 * U + u] = dah[idx] * rs[idx];
          }
        }
        const dhIn = RT.mul(dr, B);
        for (let b = 0; b < B; b++) {
          const real = isReal(d, b, t);
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            const viaIn = (dhIn[idx] + (resetAfter ? 0 : dRh[idx])) * (d.recurrentDropout ? d.recurrentDropout[idx] : 1);
            dh[idx] = (real ? direct[idx] : dh[idx]) + viaIn;
          }
        }
      }
    } finally {
      RT.dispose();
      RhT?.dispose();
    }
    const rows = B * T;
    const bias = d.bias ? [{ cols: 1 }] : [];
    const [dKernel, dInputBias] = weightGradients(mm, rows, [{ a: d.x, cols: d.F }, ...bias], dXP, G);
    let dRecurrent: Float32Array;
    let dRecBias: Float32Array | undefined;
    if (resetAfter) [dRecurrent, dRecBias] = weightGradients(mm, rows, [{ a: HIn!, cols: U }, ...bias], dRec, G);
    else {
      const [dZR] = weightGradients(mm, rows, [{ a: HIn!, cols: U }], dRec, 2 * U);
      const [dH] = weightGradients(mm, rows, [{ a: RecH!, cols: U }], dAh!, U);
      dRecurrent = new Float32Array(U * G);
      for (let r = 0; r < U; r++) {
        dRecurrent.set(dZR.subarray(r * 2 * U, (r + 1) * 2 * U), r * G);
        dRecurrent.set(dH.subarray(r * U, (r + 1) * U), r * G + 2 * U);
      }
    }
    const grads = [inputGradient(d, mm, dXP, G), dKernel, dRecurrent];
    giveBack(Z, Rg, HH, HPrev, HIn, RecH, dXP, dRec, dAh);
    if (d.bias) {
      const db = new Float32Array(d.bias.length);
      db.set(dInputBias);
      if (dRecBias) db.set(dRecBias, G);
      grads.push(db);
    }
    return [...grads, dh];
  };
  return { outputs, states: [h], backward };
}
