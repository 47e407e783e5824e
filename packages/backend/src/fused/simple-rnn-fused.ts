// SimpleRNN over a whole sequence: h' = act(x·W + b + hIn·R), hIn = h times the recurrent dropout mask.
import { activateBlock } from './activation-math.js';
import type { MatMulProvider } from './matmul.js';
import { transposeMatrix } from './matmul.js';
import { giveBack, takeArray } from './buffer-pool.js';
import {
  type ForwardResult, type SequenceData, OutputEmitter, OutputGradient, droppedState, inputGradient, isReal,
  StackedStep, stepRows, storeRows, timeIndex, weightGradients,
} from './sequence-data.js';

export function simpleRnnForward(d: SequenceData, mm: MatMulProvider): ForwardResult {
  const { B, T, U, act } = d;
  const R = new StackedStep(d, mm, U);
  const h = d.initialState[0].slice();
  const save = d.saveForBackward;
  const HNew = save ? takeArray(B * T * U, false) : undefined;
  const HIn = save ? takeArray(B * T * U, false) : undefined;
  const hInBuf = new Float32Array(B * U);
  const emitter = new OutputEmitter(d);
  try {
    for (let s = 0; s < T; s++) {
      const t = timeIndex(d, s);
      const hIn = droppedState(d, h, hInBuf);
      if (HIn) storeRows(d, t, hIn, U, HIn);
      const hNew = R.mul(t, hIn);
      activateBlock(mm, act, hNew, 0, 1, B * U, B * U);
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
    const dA = takeArray(T * B * U);
    const RT = mm.prepareRight(transposeMatrix(d.recurrentKernel, U, U), U, U);
    try {
      for (let s = T - 1; s >= 0; s--) {
        const t = timeIndex(d, s);
        const dhn = grad.step(s, t, dh);
        const da = stepRows(d, dA, t, U);
        const hn = stepRows(d, HNew!, t, U);
        for (let b = 0; b < B; b++) {
          if (!isReal(d, b, t)) continue; // da rows stay 0
          for (let u = 0, idx = b * U; u < U; u++, idx++) da[idx] = dhn[idx] * act.dFromOutput(hn[idx]);
        }
        const dhRec = RT.mul(da, B);
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
    const weights = weightGradients(mm, B * T, [{ a: d.x, cols: d.F }, { a: HIn!, cols: U }, ...(d.bias ? [{ cols: 1 }] : [])], dA, U);
    const dx = inputGradient(d, mm, dA, U);
    giveBack(HNew, HIn, dA);
    return [dx, ...weights, dh];
  };
  return { outputs, states: [h], backward };
}
