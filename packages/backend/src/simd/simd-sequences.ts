// Whole inference passes in one call into the module: the time loop, each step's two products, its cell step and
// the emission of its outputs run in WebAssembly, with the state in the module's memory. The per-step path drives
// every call from JavaScript and copies the state across each step; at 64 units that was about a fifth of predict.
import { type Code, I32, type FunctionSpec, forLoop, op } from './wasm-emitter.js';
import { STEP_PAIRS, stepFunctionName } from './simd-cell-steps.js';
import type { CellKind } from '../recurrent/types.js';
import { SIMD_ACTIVATIONS, type StepActivation } from './simd-math.js';

/** Bits of the `flags` parameter. */
export const SEQUENCE_FLAGS = { returnSequences: 1, goBackwards: 2, zeroOutputForMask: 4 } as const;

/** Each cell's array parameters, in order (the JavaScript side places them by these names). */
export const SEQUENCE_ARRAYS = {
  lstm: ['x', 'wk', 'wr', 'h', 'c', 'z', 'gates', 'ac', 'out', 'pack'],
  gru: ['x', 'wk', 'wr', 'rb', 'h', 'xp', 'rec', 'z', 'r', 'inner', 'hh', 'hNew', 'out', 'pack'],
  simpleRNN: ['x', 'wk', 'wr', 'h', 'z', 'out', 'pack'],
} as const;

/** The module's function index of an exported function, by name. */
export type FunctionIndex = (name: string) => number;

/** The module's export name of a whole inference pass (SimpleRNN has no gate activation). */
export const sequenceFunctionName = (cell: CellKind, act: string, ract: string) => (cell === 'simpleRNN' ? `rnn_seq_${act}` : `${cell}_seq_${act}_${ract}`);

/** The parameters every sequence function ends with, after its array pointers. */
const TAIL = ['mask', 'B', 'T', 'F', 'U', 'ldb', 'flags'] as const;

interface Seq {
  p: Record<string, number>;
  /** Locals: step s, time t, G = gates·U, this step's mask pointer (0: every row real). */
  s: number;
  t: number;
  G: number;
  maskT: number;
}

/**
 * A sequence function: parameters (array pointers..., mask [T*B] time-major or 0, B, T, F, U, ldb, flags). x is
 * [T*B, F] time-major with its last column all ones and wk [F, ldb] with the input bias as its last row, so the
 * input product writes x_t·kernel + bias in one go (no bias rows copied per step); wr is [U, ldb]; `out` is
 * [B, T, U] (written only with returnSequences); pack is the products' scratch (B·max(F, U) floats). `step` is one
 * step's code, after t and its mask pointer are set.
 */
function sequenceFunction(name: string, arrays: readonly string[], gates: number, index: FunctionIndex, step: (q: Seq, c: Helpers) => Code): FunctionSpec {
  const names = [...arrays, ...TAIL];
  const p = Object.fromEntries(names.map((n, i) => [n, i]));
  const locals: number[] = [];
  const local = () => (locals.push(I32), names.length + locals.length - 1);
  const q: Seq = { p, s: local(), t: local(), G: local(), maskT: local() };
  const b = local(), real = local(), dst = local(), rowBytes = local();
  const c = helpers(q, { b, real, dst, rowBytes }, index('matmul'));
  return {
    name,
    params: names.map(() => I32),
    locals,
    body: [
      op.get(p.U), op.i32(gates), op.i32Mul, op.set(q.G),
      op.get(p.U), op.i32(2), op.i32Shl, op.set(rowBytes),
      forLoop(q.s, op.i32(0), op.get(p.T), 1, [
        op.get(p.T), op.i32(1), op.i32Sub, op.get(q.s), op.i32Sub, op.get(q.s),
        op.get(p.flags), op.i32(SEQUENCE_FLAGS.goBackwards), op.i32And, op.select, op.set(q.t),
        op.get(p.mask), op.get(q.t), op.get(p.B), op.i32Mul, op.i32(2), op.i32Shl, op.i32Add, op.i32(0), op.get(p.mask), op.select, op.set(q.maskT),
        step(q, c),
        c.emit(),
      ]),
    ],
  };
}

interface Helpers {
  /** dst ← [x_t | 1] · [kernel; bias]. */
  inputProduct(dst: string): Code;
  /** dst (+)= h · recurrentKernel. */
  recurrentProduct(dst: string, accumulate: boolean): Code;
  /** h ← from, at the step's real rows (masked rows carry h). */
  commit(from: string): Code;
  /** With returnSequences: out[b, s] ← h at real rows; masked rows emit zeros or the last emitted output (Keras). */
  emit(): Code;
}

function helpers(q: Seq, l: { b: number; real: number; dst: number; rowBytes: number }, MATMUL: number): Helpers {
  const { p } = q;
  const ptr = (name: string) => op.get(p[name]);
  const matmul = (FUNC: number, a: Code, b: string, c: string, k: string, accumulate: boolean): Code => [
    a, ptr(b), ptr(c), op.get(p.B), op.get(p[k]), op.get(q.G), op.i32(accumulate ? 1 : 0), op.get(p[k]), op.get(p.ldb), op.get(q.G), ptr('pack'), op.call(FUNC),
  ];
  const rowsOf = (name: string) => [ptr(name), op.get(l.b), op.get(l.rowBytes), op.i32Mul, op.i32Add];
  /** real ← the mask entry of row b is nonzero (or there is no mask). */
  const readReal = [
    op.i32(1), op.set(l.real),
    op.get(q.maskT), op.if, op.get(q.maskT), op.get(l.b), op.i32(2), op.i32Shl, op.i32Add, op.f32Load(), op.f32(0), op.f32Ne, op.set(l.real), op.end,
  ];
  const overRows = (body: Code) => forLoop(l.b, op.i32(0), op.get(p.B), 1, [readReal, body]);
  return {
    inputProduct: (dst) => matmul(MATMUL, [ptr('x'), op.get(q.t), op.get(p.B), op.i32Mul, op.get(p.F), op.i32Mul, op.i32(2), op.i32Shl, op.i32Add], 'wk', dst, 'F', false),
    recurrentProduct: (dst, accumulate) => matmul(MATMUL, ptr('h'), 'wr', dst, 'U', accumulate),
    commit: (from) => [
      op.get(q.maskT), op.i32Eqz, op.if,
      ptr('h'), ptr(from), op.get(p.B), op.get(l.rowBytes), op.i32Mul, op.memoryCopy,
      op.else,
      overRows([op.get(l.real), op.if, rowsOf('h'), rowsOf(from), op.get(l.rowBytes), op.memoryCopy, op.end]),
      op.end,
    ],
    emit: () => [
      op.get(p.flags), op.i32(SEQUENCE_FLAGS.returnSequences), op.i32And, op.if,
      overRows([
        ptr('out'), op.get(l.b), op.get(p.T), op.i32Mul, op.get(q.s), op.i32Add, op.get(l.rowBytes), op.i32Mul, op.i32Add, op.set(l.dst),
        op.get(l.real), op.if,
        op.get(l.dst), rowsOf('h'), op.get(l.rowBytes), op.memoryCopy,
        op.else,
        // Zeros when asked, and at s = 0 (nothing emitted yet); else the previous step's emitted row.
        op.get(p.flags), op.i32(SEQUENCE_FLAGS.zeroOutputForMask), op.i32And, op.get(q.s), op.i32Eqz, op.i32Or, op.if,
        op.get(l.dst), op.i32(0), op.get(l.rowBytes), op.memoryFill,
        op.else,
        op.get(l.dst), op.get(l.dst), op.get(l.rowBytes), op.i32Sub, op.get(l.rowBytes), op.memoryCopy,
        op.end,
        op.end,
      ]),
      op.end,
    ],
  };
}

function lstmSequence(act: StepActivation, ract: StepActivation, index: FunctionIndex): FunctionSpec {
  const stepFn = index(stepFunctionName('lstm', 'fwd', act, ract));
  return sequenceFunction(sequenceFunctionName('lstm', act, ract), SEQUENCE_ARRAYS.lstm, 4, index, (q, c) => {
    const g = (n: string) => op.get(q.p[n]);
    return [
      c.inputProduct('z'), c.recurrentProduct('z', true),
      // The step writes h (and c) in place at real rows only: masked rows carry both.
      g('z'), g('c'), g('gates'), g('ac'), g('h'), op.get(q.maskT), g('B'), g('U'), op.call(stepFn),
    ];
  });
}

function gruSequence(act: StepActivation, ract: StepActivation, index: FunctionIndex): FunctionSpec {
  const stepFn = index(stepFunctionName('gru', 'fwd', act, ract));
  return sequenceFunction(sequenceFunctionName('gru', act, ract), SEQUENCE_ARRAYS.gru, 3, index, (q, c) => {
    const g = (n: string) => op.get(q.p[n]);
    return [
      c.inputProduct('xp'), c.recurrentProduct('rec', false),
      ['rec', 'xp', 'rb', 'h', 'z', 'r', 'inner', 'hh', 'hNew'].map(g), op.get(q.maskT), g('B'), g('U'), op.call(stepFn),
      c.commit('hNew'),
    ];
  });
}

function simpleRnnSequence(act: StepActivation, index: FunctionIndex): FunctionSpec {
  const actFn = act === 'linear' ? -1 : index(`act_${act}`);
  return sequenceFunction(sequenceFunctionName('simpleRNN', act, ''), SEQUENCE_ARRAYS.simpleRNN, 1, index, (q, c) => {
    const g = (n: string) => op.get(q.p[n]);
    return [
      c.inputProduct('z'), c.recurrentProduct('z', true),
      actFn < 0 ? [] : [g('z'), g('B'), g('U'), g('U'), op.call(actFn)],
      c.commit('z'),
    ];
  });
}

/** Every sequence function; `index` resolves the step and activation functions they call. */
export function sequenceFunctions(index: FunctionIndex): FunctionSpec[] {
  return [
    ...STEP_PAIRS.flatMap(([a, r]) => [lstmSequence(a, r, index), gruSequence(a, r, index)]),
    ...[...SIMD_ACTIVATIONS, 'linear' as const].map((a) => simpleRnnSequence(a, index)),
  ];
}
