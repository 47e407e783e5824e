// A plain-JavaScript Float64 implementation of the three cells over a sequence, one sample at a time, with no
// tensors: written from the Keras equations, independent of the tensor kernels it checks.
import type { ActivationName, CellKind } from '../recurrent/types.js';
import { PLAIN_ACTIVATIONS } from './plain-activations.js';

export type Matrix = number[][];

export interface PlainRnnArgs {
  cell: CellKind;
  /** [B][T][F] */
  inputs: number[][][];
  /** [F][G*U] */
  kernel: Matrix;
  /** [U][G*U] */
  recurrentKernel: Matrix;
  /** [G*U], or [2][3U] for a GRU with resetAfter. */
  bias?: number[] | Matrix;
  /** [h] or [h, c], each [B][U]. */
  initialState: Matrix[];
  /** [B][T], nonzero = real step. */
  mask?: Matrix;
  goBackwards?: boolean;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter?: boolean;
  returnSequences?: boolean;
  zeroOutputForMask?: boolean;
  inputDropoutMask?: Matrix;
  recurrentDropoutMask?: Matrix;
}

export interface PlainRnnResult {
  /** [B][T][U] with returnSequences, else [B][U]. */
  outputs: Matrix | number[][][];
  states: Matrix[];
}

function vecMat(v: number[], m: Matrix, from = 0, to = m[0].length): number[] {
  const out = new Array<number>(to - from).fill(0);
  for (let i = 0; i < v.length; i++) for (let j = from; j < to; j++) out[j - from] += v[i] * m[i][j];
  return out;
}

const add = (a: number[], b: number[]) => a.map((v, i) => v + b[i]);
const mul = (a: number[], b: number[]) => a.map((v, i) => v * b[i]);
const part = (v: number[], k: number, u: number) => v.slice(k * u, (k + 1) * u);

interface Cell {
  act: (x: number) => number;
  ract: (x: number) => number;
  a: PlainRnnArgs;
  units: number;
}

function lstm(c: Cell, xp: number[], hIn: number[], h: number[], cPrev: number[]): [number[], number[]] {
  const z = add(xp, vecMat(hIn, c.a.recurrentKernel));
  const [i, f, g, o] = [0, 1, 2, 3].map((k) => part(z, k, c.units));
  const cNext = cPrev.map((cv, j) => c.ract(f[j]) * cv + c.ract(i[j]) * c.act(g[j]));
  return [cNext.map((cv, j) => c.ract(o[j]) * c.act(cv)), cNext];
}

function gru(c: Cell, xp: number[], hIn: number[], h: number[], recurrentBias: number[] | null): number[] {
  const u = c.units;
  const [xz, xr, xh] = [0, 1, 2].map((k) => part(xp, k, u));
  let z: number[];
  let hh: number[];
  if (c.a.resetAfter !== false) {
    let inner = vecMat(hIn, c.a.recurrentKernel);
    if (recurrentBias) inner = add(inner, recurrentBias);
    z = add(xz, part(inner, 0, u)).map(c.ract);
    const r = add(xr, part(inner, 1, u)).map(c.ract);
    hh = add(xh, mul(r, part(inner, 2, u))).map(c.act);
  } else {
    const zr = vecMat(hIn, c.a.recurrentKernel, 0, 2 * u);
    z = add(xz, part(zr, 0, u)).map(c.ract);
    const r = add(xr, part(zr, 1, u)).map(c.ract);
    hh = add(xh, vecMat(mul(r, hIn), c.a.recurrentKernel, 2 * u, 3 * u)).map(c.act);
  }
  return h.map((hv, j) => z[j] * hv + (1 - z[j]) * hh[j]);
}

function biases(a: PlainRnnArgs): { input: number[] | null; recurrent: number[] | null } {
  if (!a.bias) return { input: null, recurrent: null };
  if (a.cell === 'gru' && a.resetAfter !== false) return { input: (a.bias as Matrix)[0], recurrent: (a.bias as Matrix)[1] };
  return { input: a.bias as number[], recurrent: null };
}

/** One sample's pass over time; returns emitted outputs, the last real output and the final states. */
function runSample(c: Cell, b: number): { seq: number[][]; last: number[]; states: number[][] } {
  const a = c.a;
  const bias = biases(a);
  let h = [...a.initialState[0][b]];
  let cs = a.cell === 'lstm' ? [...a.initialState[1][b]] : [];
  let last = new Array<number>(c.units).fill(0);
  const seq: number[][] = [];
  const T = a.inputs[b].length;
  for (let s = 0; s < T; s++) {
    const t = a.goBackwards ? T - 1 - s : s;
    const x = a.inputDropoutMask ? mul(a.inputs[b][t], a.inputDropoutMask[b]) : a.inputs[b][t];
    let xp = vecMat(x, a.kernel);
    if (bias.input) xp = add(xp, bias.input);
    const hIn = a.recurrentDropoutMask ? mul(h, a.recurrentDropoutMask[b]) : h;
    let hNext: number[];
    let cNext = cs;
    if (a.cell === 'lstm') [hNext, cNext] = lstm(c, xp, hIn, h, cs);
    else if (a.cell === 'gru') hNext = gru(c, xp, hIn, h, bias.recurrent);
    else hNext = add(xp, vecMat(hIn, a.recurrentKernel)).map(c.act);
    const real = a.mask ? a.mask[b][t] !== 0 : true;
    if (real) {
      h = hNext;
      cs = cNext;
      last = hNext;
      seq.push(hNext);
    } else {
      seq.push(a.zeroOutputForMask === false ? last : new Array<number>(c.units).fill(0));
    }
  }
  return { seq, last, states: a.cell === 'lstm' ? [h, cs] : [h] };
}

/** The whole-sequence result rnnSequence must reproduce (same argument meanings, same output order). */
export function plainRnnSequence(a: PlainRnnArgs): PlainRnnResult {
  const c: Cell = {
    a,
    units: a.recurrentKernel.length,
    act: PLAIN_ACTIVATIONS[a.activation ?? 'tanh'],
    ract: PLAIN_ACTIVATIONS[a.recurrentActivation ?? 'sigmoid'],
  };
  const runs = a.inputs.map((_, b) => runSample(c, b));
  const nStates = a.cell === 'lstm' ? 2 : 1;
  return {
    outputs: runs.map((r) => (a.returnSequences ? r.seq : r.last)) as PlainRnnResult['outputs'],
    states: Array.from({ length: nStates }, (_, i) => runs.map((r) => r.states[i])),
  };
}
