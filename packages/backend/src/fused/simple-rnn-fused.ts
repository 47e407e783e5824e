// SimpleRNN over a whole sequence: h' = act(x·W + b + hIn·R), hIn = h times the recurrent dropout mask.
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, columnSums, droppedState, inputSideGradients,
  isReal, projectInputs, recurrentGradient, storeRows, timeIndex,
} from './sequence-data.js';

export function simpleRnnForward(d: SequenceData, mm: MatMulProvider): ForwardResult {
  const { B, T, U, act } = d;
  const xp = projectInputs(d, mm, U);
  const R = mm.prepareRight(d.recurrentKernel, U, U);
  const h = d.initialState[0].slice();
  const save = d.saveForBackward;
  const HNew = save ? new Float32Array(B * T * U) : undefined;
  const HIn = save ? new Float32Array(B * T * U) : undefined;
  const hInBuf = new Float32Array(B * U);
  const hNew = new Float32Array(B * U);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (HIn) storeRows(d, t, hIn, U, HIn);
      const rec = R.mul(hIn, B);
      for (let b = 0; b < B; b++) {
        const xo = (b * T + t) * U;
        for (let u = 0, idx = b * U; u < U; u++, idx++) hNew[idx] = act.f(xp[xo + u] + rec[idx]);
      }
      if (HNew) storeRows(d, t, hNew, U, HNew);
      emitter.step(s, t, hNew, h);
    }
  } finally {
    R.dispose();
  }
  const outputs = emitter.finish();
  if (!save) return { outputs, states: [h] };

  const backward = (dOutputs: Float32Array, [dhT]: Float32Array[]) => {
    const dh = dhT.slice();
    const grad = new OutputGradient(d, dOutputs);
    const dA = new Float32Array(B * T * U);
    const daStep = new Float32Array(B * U);
    const RT = mm.prepareRight(transposeMatrix(d.recurrentKernel, U, U), U, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        for (let b = 0; b < B; b++) {
          const o = (b * T + t) * U;
          const real = isReal(d, b, t);
          for (let u = 0, idx = b * U; u < U; u++, idx++) daStep[idx] = real ? dhn[idx] * act.dFromOutput(HNew![o + u]) : 0;
        }
        storeRows(d, t, daStep, U, dA);
        const dhRec = RT.mul(daStep, B);
        for (let b = 0; b < B; b++) {
          const real = isReal(d, b, t);
          for (let u = 0, idx = b * U; u < U; u++, idx++) {
            dh[idx] = (real ? 0 : dh[idx]) + dhRec[idx] * (d.recurrentDropout ? d.recurrentDropout[idx] : 1);
          }
        }
      }
    } finally {
      RT.dispose();
    }
    const { dx, dKernel } = inputSideGradients(d, mm, dA, U);
    const grads = [dx, dKernel, recurrentGradient(d, mm, HIn!, dA, U)];
    if (d.bias) grads.push(columnSums(dA, B * T, U));
    return [...grads, dh];
  };
  return { outputs, states: [h], backward };
}
