// GRU over a whole sequence (Keras gates z, r, h), both reset placements:
//   resetAfter true:  hh = act(x_h + r * (hIn·R_h + b_rh))      resetAfter false: hh = act(x_h + (r * hIn)·R_h)
//   h' = z*h + (1-z)*hh, where hIn is h times the recurrent dropout mask and the carried z*h keeps h itself.
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, columnSums, droppedState, inputSideGradients,
  isReal, projectInputs, recurrentGradient, storeRows, timeIndex,
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
  const n = B * T * U;
  const Z = save ? new Float32Array(n) : undefined;
  const Rg = save ? new Float32Array(n) : undefined;
  const HH = save ? new Float32Array(n) : undefined;
  const HPrev = save ? new Float32Array(n) : undefined;
  const HIn = save ? new Float32Array(n) : undefined;
  const RecH = save ? new Float32Array(n) : undefined; // resetAfter: hIn·R_h + b_rh; else r*hIn
  const hInBuf = new Float32Array(B * U);
  const rh = new Float32Array(B * U);
  const hNew = new Float32Array(B * U);
  const zBuf = new Float32Array(B * U);
  const rBuf = new Float32Array(B * U);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (HIn) storeRows(d, t, hIn, U, HIn);
      const rec = R.mul(hIn, B);
      const W = resetAfter ? G : 2 * U;
      for (let b = 0; b < B; b++) {
        const xo = (b * T + t) * G;
        for (let u = 0; u < U; u++) {
          const idx = b * U + u;
          zBuf[idx] = ract.f(xp[xo + u] + rec[b * W + u] + (recBias ? recBias[u] : 0));
          rBuf[idx] = ract.f(xp[xo + U + u] + rec[b * W + U + u] + (recBias ? recBias[U + u] : 0));
          if (!resetAfter) rh[idx] = rBuf[idx] * hIn[idx];
        }
      }
      const recH = resetAfter ? undefined : Rh!.mul(rh, B);
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        const xo = row * G;
        for (let u = 0; u < U; u++) {
          const idx = b * U + u;
          const inner = resetAfter ? rec[b * G + 2 * U + u] + (recBias ? recBias[2 * U + u] : 0) : 0;
          const hh = act.f(xp[xo + 2 * U + u] + (resetAfter ? rBuf[idx] * inner : recH![idx]));
          const z = zBuf[idx];
          hNew[idx] = z * h[idx] + (1 - z) * hh;
          if (save) {
            const k = row * U + u;
            Z![k] = z; Rg![k] = rBuf[idx]; HH![k] = hh; HPrev![k] = h[idx];
            RecH![k] = resetAfter ? inner : rh[idx];
          }
        }
      }
      emitter.step(s, t, hNew, h);
    }
  } finally {
    R.dispose();
    Rh?.dispose();
  }
  const outputs = emitter.finish();
  if (!save) return { outputs, states: [h] };

  const backward = (dOutputs: Float32Array, [dhT]: Float32Array[]) => {
    const dh = dhT.slice();
    const grad = new OutputGradient(d, dOutputs);
    const dXP = new Float32Array(B * T * G);
    // Gradient reaching each gate's recurrent product: resetAfter [z, r, h] with dRec_h = dah * r; else [z, r] and dah.
    const RW = resetAfter ? G : 2 * U;
    const dRec = new Float32Array(B * T * RW);
    const dAh = resetAfter ? undefined : new Float32Array(B * T * U);
    const dxStep = new Float32Array(B * G);
    const dRecStep = new Float32Array(B * RW);
    const dRh = new Float32Array(B * U);
    const direct = new Float32Array(B * U);
    const dahStep = new Float32Array(B * U);
    const RT = mm.prepareRight(transposeMatrix(resetAfter ? d.recurrentKernel : columns(d.recurrentKernel, U, G, 0, 2 * U), U, RW), RW, U);
    const RhT = resetAfter ? undefined : mm.prepareRight(transposeMatrix(columns(d.recurrentKernel, U, G, 2 * U, G), U, U), U, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        for (let b = 0; b < B; b++) {
          const row = b * T + t;
          const real = isReal(d, b, t);
          for (let u = 0; u < U; u++) {
            const idx = b * U + u;
            const k = row * U + u;
            if (!real) {
              dahStep[idx] = 0; direct[idx] = 0;
              dxStep[b * G + u] = 0; dxStep[b * G + U + u] = 0; dxStep[b * G + 2 * U + u] = 0;
              continue;
            }
            const z = Z![k], hh = HH![k];
            const dhv = dhn[idx];
            direct[idx] = dhv * z;
            const dah = dhv * (1 - z) * act.dFromOutput(hh);
            dahStep[idx] = dah;
            dxStep[b * G + u] = dhv * (HPrev![k] - hh) * ract.dFromOutput(z);
            dxStep[b * G + 2 * U + u] = dah;
            if (resetAfter) dxStep[b * G + U + u] = dah * RecH![k] * ract.dFromOutput(Rg![k]);
          }
        }
        if (!resetAfter) {
          // d(r*hIn) = dah · R_hᵀ, then split into r and hIn.
          const dRH = RhT!.mul(dahStep, B);
          for (let b = 0; b < B; b++) {
            const row = b * T + t;
            for (let u = 0; u < U; u++) {
              const idx = b * U + u;
              const k = row * U + u;
              const real = isReal(d, b, t);
              const hIn = d.recurrentDropout ? HPrev![k] * d.recurrentDropout[idx] : HPrev![k];
              dxStep[b * G + U + u] = real ? dRH[idx] * hIn * ract.dFromOutput(Rg![k]) : 0;
              dRh[idx] = real ? dRH[idx] * Rg![k] : 0;
            }
          }
          storeRows(d, t, dahStep, U, dAh!);
        }
        for (let b = 0; b < B; b++) {
          for (let u = 0; u < U; u++) {
            dRecStep[b * RW + u] = dxStep[b * G + u];
            dRecStep[b * RW + U + u] = dxStep[b * G + U + u];
            if (resetAfter) dRecStep[b * RW + 2 * U + u] = dahStep[b * U + u] * Rg![(b * T + t) * U + u];
          }
        }
        storeRows(d, t, dxStep, G, dXP);
        storeRows(d, t, dRecStep, RW, dRec);
        const dhIn = RT.mul(dRecStep, B);
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
    const { dx, dKernel } = inputSideGradients(d, mm, dXP, G);
    let dRecurrent: Float32Array;
    if (resetAfter) dRecurrent = recurrentGradient(d, mm, HIn!, dRec, G);
    else {
      const dZR = recurrentGradient(d, mm, HIn!, dRec, 2 * U);
      const dH = recurrentGradient(d, mm, RecH!, dAh!, U);
      dRecurrent = new Float32Array(U * G);
      for (let r = 0; r < U; r++) {
        dRecurrent.set(dZR.subarray(r * 2 * U, (r + 1) * 2 * U), r * G);
        dRecurrent.set(dH.subarray(r * U, (r + 1) * U), r * G + 2 * U);
      }
    }
    const grads = [dx, dKernel, dRecurrent];
    if (d.bias) {
      const db = new Float32Array(d.bias.length);
      columnSums(dXP, B * T, G, db, 0);
      if (resetAfter) columnSums(dRec, B * T, G, db, G);
      grads.push(db);
    }
    return [...grads, dh];
  };
  return { outputs, states: [h], backward };
}
