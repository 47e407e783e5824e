// LSTM over a whole sequence in one JavaScript pass per step (Keras gates i, f, c, o), with backpropagation
// through time walking back once and the weight gradients taken as a few large products at the end.
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, columnSums, droppedState, inputSideGradients,
  isReal, projectInputs, recurrentGradient, storeRows, timeIndex,
} from './sequence-data.js';

export function lstmForward(d: SequenceData, mm: MatMulProvider): ForwardResult {
  const { B, T, U } = d;
  const G = 4 * U;
  const { act, ract } = d;
  const xp = projectInputs(d, mm, G);
  const R = mm.prepareRight(d.recurrentKernel, U, G);
  const h = d.initialState[0].slice();
  const c = d.initialState[1].slice();
  const save = d.saveForBackward;
  const gates = save ? new Float32Array(B * T * G) : undefined;
  const cPrev = save ? new Float32Array(B * T * U) : undefined;
  const actC = save ? new Float32Array(B * T * U) : undefined;
  const hInAll = save ? new Float32Array(B * T * U) : undefined;
  const hInBuf = new Float32Array(B * U);
  const hNew = new Float32Array(B * U);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (hInAll) storeRows(d, t, hIn, U, hInAll);
      const rec = R.mul(hIn, B);
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        const real = isReal(d, b, t);
        const xo = row * G;
        const ro = b * G;
        for (let u = 0; u < U; u++) {
          const i = ract.f(xp[xo + u] + rec[ro + u]);
          const f = ract.f(xp[xo + U + u] + rec[ro + U + u]);
          const g = act.f(xp[xo + 2 * U + u] + rec[ro + 2 * U + u]);
          const o = ract.f(xp[xo + 3 * U + u] + rec[ro + 3 * U + u]);
          const idx = b * U + u;
          const cp = c[idx];
          const cn = f * cp + i * g;
          const ac = act.f(cn);
          hNew[idx] = o * ac;
          if (gates) {
            gates[xo + u] = i; gates[xo + U + u] = f; gates[xo + 2 * U + u] = g; gates[xo + 3 * U + u] = o;
            cPrev![row * U + u] = cp;
            actC![row * U + u] = ac;
          }
          if (real) c[idx] = cn;
        }
      }
      emitter.step(s, t, hNew, h);
    }
  } finally {
    R.dispose();
  }
  const outputs = emitter.finish();
  if (!save) return { outputs, states: [h, c] };

  const backward = (dOutputs: Float32Array, [dhT, dcT]: Float32Array[]) => {
    const dh = dhT.slice();
    const dc = dcT.slice();
    const grad = new OutputGradient(d, dOutputs);
    const dZ = new Float32Array(B * T * G);
    const dzStep = new Float32Array(B * G);
    const RT = mm.prepareRight(transposeMatrix(d.recurrentKernel, U, G), G, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        for (let b = 0; b < B; b++) {
          const row = b * T + t;
          const zo = b * G;
          if (!isReal(d, b, t)) {
            dzStep.fill(0, zo, zo + G);
            continue;
          }
          const xo = row * G;
          for (let u = 0; u < U; u++) {
            const idx = b * U + u;
            const i = gates![xo + u], f = gates![xo + U + u], g = gates![xo + 2 * U + u], o = gates![xo + 3 * U + u];
            const ac = actC![row * U + u];
            const dhv = dhn[idx];
            const dct = dc[idx] + dhv * o * act.dFromOutput(ac);
            dc[idx] = dct * f;
            dzStep[zo + u] = dct * g * ract.dFromOutput(i);
            dzStep[zo + U + u] = dct * cPrev![row * U + u] * ract.dFromOutput(f);
            dzStep[zo + 2 * U + u] = dct * i * act.dFromOutput(g);
            dzStep[zo + 3 * U + u] = dhv * ac * ract.dFromOutput(o);
          }
        }
        storeRows(d, t, dzStep, G, dZ);
        const dhRec = RT.mul(dzStep, B);
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
    const { dx, dKernel } = inputSideGradients(d, mm, dZ, G);
    const dRecurrent = recurrentGradient(d, mm, hInAll!, dZ, G);
    const grads = [dx, dKernel, dRecurrent];
    if (d.bias) grads.push(columnSums(dZ, B * T, G));
    return [...grads, dh, dc];
  };
  return { outputs, states: [h, c], backward };
}
