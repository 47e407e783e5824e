// LSTM over a whole sequence (Keras gates i, f, c, o): per step one recurrent product (with the step's projected
// inputs added by the provider) and vector activations; backpropagation through time walks back once and the
// weight gradients are a few large products at the end. Arrays over all steps are time-major.
import { activateBlock } from './activation-math.js';
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import { giveBack, takeArray } from './buffer-pool.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, droppedState, inputGradient, isReal,
  StackedStep, stepMask, stepRows, storeRows, timeIndex, weightGradients,
} from './sequence-data.js';

export function lstmForward(d: SequenceData, mm: MatMulProvider): ForwardResult {
  const { B, T, U, act, ract } = d;
  const G = 4 * U;
  const R = new StackedStep(d, mm, G);
  const h = d.initialState[0].slice();
  const c = d.initialState[1].slice();
  const save = d.saveForBackward;
  // Saved for backward; every row is written each step.
  const gates = save ? takeArray(T * B * G, false) : undefined;
  const cPrev = save ? takeArray(T * B * U, false) : undefined;
  const actC = save ? takeArray(T * B * U, false) : undefined;
  const hInAll = save ? takeArray(T * B * U, false) : undefined;
  const hInBuf = new Float32Array(B * U);
  const hNew = new Float32Array(B * U);
  const acBuf = new Float32Array(B * U);
  const gBuf = new Float32Array(B * G);
  const maskBuf = new Float32Array(B);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (hInAll) storeRows(d, t, hIn, U, hInAll);
      if (cPrev) storeRows(d, t, c, U, cPrev);
      const z = R.mul(t, hIn);
      const gt = gates ? stepRows(d, gates, t, G) : gBuf;
      const ac = actC ? stepRows(d, actC, t, U) : acBuf;
      const mask = stepMask(d, t, maskBuf);
      const keep = save ? { gates: gt, ac } : {};
      if (!mm.steps?.lstmForward?.({ act: act.name, ract: ract.name, B, U, mask, z, c, ...keep, h: hNew })) {
        stepForward(z, gt, ac, t);
      }
      emitter.step(s, t, hNew, h);
    }
  } finally {
    R.dispose();
  }

  /** The step's gates and state update, element by element (providers without an LSTM step). */
  function stepForward(z: Float32Array, gt: Float32Array, ac: Float32Array, t: number): void {
    activateBlock(mm, ract, z, 0, B, 2 * U, G);
    activateBlock(mm, act, z, 2 * U, B, U, G);
    activateBlock(mm, ract, z, 3 * U, B, U, G);
    for (let b = 0; b < B; b++) {
      const real = isReal(d, b, t);
      const zo = b * G;
      for (let u = 0, idx = b * U; u < U; u++, idx++) {
        const cn = z[zo + U + u] * c[idx] + z[zo + u] * z[zo + 2 * U + u];
        ac[idx] = cn;
        if (real) c[idx] = cn;
      }
    }
    activateBlock(mm, act, ac, 0, 1, B * U, B * U);
    for (let b = 0; b < B; b++) {
      const zo = b * G + 3 * U;
      for (let u = 0, idx = b * U; u < U; u++, idx++) hNew[idx] = z[zo + u] * ac[idx];
    }
    if (gates) gt.set(z);
  }

  const outputs = emitter.finish();
  if (!save) return { outputs, states: [h, c] };

  const backward = (dOutputs: Float32Array, [dhT, dcT]: Float32Array[]) => {
    const dh = dhT.slice();
    const dc = dcT.slice();
    const grad = new OutputGradient(d, dOutputs);
    const dZ = takeArray(T * B * G);
    const RT = mm.prepareRight(transposeMatrix(d.recurrentKernel, U, G), G, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        const dz = stepRows(d, dZ, t, G);
        const gt = stepRows(d, gates!, t, G);
        const cp = stepRows(d, cPrev!, t, U);
        const ac = stepRows(d, actC!, t, U);
        const mask = stepMask(d, t, maskBuf);
        const fused = mm.steps?.lstmBackward?.({ act: act.name, ract: ract.name, B, U, mask, gates: gt, cp, ac, dhn, dc, dz });
        for (let b = 0; b < B && !fused; b++) {
          if (!isReal(d, b, t)) continue; // dz rows stay 0
          const zo = b * G;
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            const i = gt[zo + u], f = gt[zo + U + u], g = gt[zo + 2 * U + u], o = gt[zo + 3 * U + u];
            const dhv = dhn[idx];
            const dct = dc[idx] + dhv * o * act.dFromOutput(ac[idx]);
            dc[idx] = dct * f;
            dz[zo + u] = dct * g * ract.dFromOutput(i);
            dz[zo + U + u] = dct * cp[idx] * ract.dFromOutput(f);
            dz[zo + 2 * U + u] = dct * i * act.dFromOutput(g);
            dz[zo + 3 * U + u] = dhv * ac[idx] * ract.dFromOutput(o);
          }
        }
        const dhRec = RT.mul(dz, B);
        for (let b = 0; b < B; b++) {
          const real = isReal(d, b, t);
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            const r = dhRec[idx] * (d.recurrentDropout ? d.recurrentDropout[idx] : 1);
            dh[idx] = (real ? 0 : dh[idx]) + r;
          }
        }
      }
    } finally {
      RT.dispose();
    }
    const weights = weightGradients(mm, B * T, [{ a: d.x, cols: d.F }, { a: hInAll!, cols: U }, ...(d.bias ? [{ cols: 1 }] : [])], dZ, G);
    const dx = inputGradient(d, mm, dZ, G);
    giveBack(gates, cPrev, actC, hInAll, dZ);
    return [dx, ...weights, dh, dc];
  };
  return { outputs, states: [h, c], backward };
}
