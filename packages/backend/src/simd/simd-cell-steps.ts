// One time step of a cell's elementwise work (gates, state update, and the backward twin) in one WebAssembly SIMD
// pass, specialised per activation pair. Per step, the fused kernels then make two calls into the module (the
// recurrent product and this) instead of a product, several activation passes and JavaScript loops.
import { type Code, I32, V128, type FunctionSpec, forLoop, op } from './wasm-emitter.js';
import { activationCode, derivativeCode, type MathLocals, type StepActivation } from './simd-math.js';

/** An array argument: its name and its row width in units of U (0: one row shared by every batch row). */
type ArraySpec = readonly [name: string, width: number];

interface Ctx {
  load(arr: string, gate?: number): Code;
  store(arr: string, gate: number, value: Code): Code;
  act(kind: StepActivation, value: Code): Code;
  dact(kind: StepActivation, y: Code): Code;
  tmp(): number;
}

/**
 * A step kernel with parameters (array pointers..., mask pointer or 0, B, U). Rows whose mask entry is 0 skip the
 * body; the arrays named in `zeroOnMask` get zeros there instead.
 */
function stepKernel(name: string, arrays: readonly ArraySpec[], zeroOnMask: readonly string[], body: (c: Ctx) => Code): FunctionSpec {
  const nArrays = arrays.length;
  const MASK = nArrays, B = nArrays + 1, U = nArrays + 2;
  const locals: number[] = [];
  const add = (t: number) => (locals.push(t), nArrays + 3 + locals.length - 1);
  const b = add(I32), u4 = add(I32), U4 = add(I32), bU4 = add(I32), isReal = add(I32);
  const gate = [0, add(I32), add(I32), add(I32)];
  const row = arrays.map(() => add(I32));
  const L: MathLocals = { X: add(V128), Y: add(V128), NF: add(V128), R: add(V128), E: add(V128), S: add(V128) };
  const D = add(V128);
  const index = new Map(arrays.map(([n], i) => [n, i]));
  const at = (arr: string, g: number): Code => {
    const i = index.get(arr);
    if (i === undefined) throw new Error(`step kernel ${name}: no array ${arr}`);
    return [op.get(row[i]), g > 0 ? [op.get(gate[g]), op.i32Add] : [], op.get(u4), op.i32Add];
  };
  const ctx = (vector: boolean): Ctx => ({
    load: (arr, g = 0) => [at(arr, g), vector ? op.v128Load() : [op.f32Load(), op.f32x4Splat]],
    store: (arr, g, value) => [at(arr, g), value, vector ? op.v128Store() : [op.f32x4ExtractLane0, op.f32Store()]],
    act: (kind, value) => [value, op.set(L.X), activationCode(kind, L)],
    dact: (kind, y) => [y, op.set(D), derivativeCode(kind, D)],
    tmp: () => add(V128),
  });
  const vectorBody = body(ctx(true));
  const scalarBody = body(ctx(false));
  const zeros = (vector: boolean): Code => zeroOnMask.map((arr) => {
    const width = arrays[index.get(arr)!][1];
    return Array.from({ length: width }, (_, g) => ctx(vector).store(arr, g, op.f32x4Const(0)));
  });
  const overUnits = (vec: Code, scalar: Code): Code => [
    forLoop(u4, op.i32(0), op.get(U4), 16, vec, true),
    forLoop(u4, op.get(u4), op.get(U4), 4, scalar),
  ];
  const real: Code = [
    op.i32(1), op.set(isReal),
    op.get(MASK), op.if, op.get(MASK), op.get(b), op.i32(2), op.i32Shl, op.i32Add, op.f32Load(), op.f32(0), op.f32Ne, op.set(isReal), op.end,
  ];
  const perRow = [
    op.get(b), op.get(U4), op.i32Mul, op.set(bU4),
    arrays.map(([, width], i) => [op.get(i), op.get(bU4), op.i32(width), op.i32Mul, op.i32Add, op.set(row[i])]),
    real, op.get(isReal), op.if, overUnits(vectorBody, scalarBody),
    zeroOnMask.length ? [op.else, overUnits(zeros(true), zeros(false))] : [],
    op.end,
  ];
  return {
    name,
    params: [...arrays.map(() => I32), I32, I32, I32],
    locals,
    body: [
      op.get(U), op.i32(2), op.i32Shl, op.set(U4),
      op.get(U4), op.set(gate[1]), op.get(U4), op.i32(2), op.i32Mul, op.set(gate[2]), op.get(U4), op.i32(3), op.i32Mul, op.set(gate[3]),
      forLoop(b, op.i32(0), op.get(B), 1, perRow),
    ],
  };
}

/** The module's export name of a cell step (the dispatch side looks steps up by it). */
export const stepFunctionName = (cell: 'lstm' | 'gru', direction: 'fwd' | 'bwd', act: string, ract: string) => `${cell}_${direction}_${act}_${ract}`;

function lstmForward(act: StepActivation, ract: StepActivation): FunctionSpec {
  return stepKernel(stepFunctionName('lstm', 'fwd', act, ract), [['z', 4], ['c', 1], ['gates', 4], ['ac', 1], ['h', 1]], [], (c) => {
    const [i, f, g, o, cn, a] = [c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp()];
    return [
      c.act(ract, c.load('z', 0)), op.set(i), c.store('gates', 0, op.get(i)),
      c.act(ract, c.load('z', 1)), op.set(f), c.store('gates', 1, op.get(f)),
      c.act(act, c.load('z', 2)), op.set(g), c.store('gates', 2, op.get(g)),
      c.act(ract, c.load('z', 3)), op.set(o), c.store('gates', 3, op.get(o)),
      op.get(f), c.load('c'), op.f32x4Mul, op.get(i), op.get(g), op.f32x4Mul, op.f32x4Add, op.set(cn),
      c.store('c', 0, op.get(cn)),
      c.act(act, op.get(cn)), op.set(a), c.store('ac', 0, op.get(a)),
      c.store('h', 0, [op.get(o), op.get(a), op.f32x4Mul]),
    ];
  });
}

function lstmBackward(act: StepActivation, ract: StepActivation): FunctionSpec {
  const arrays: ArraySpec[] = [['gates', 4], ['cp', 1], ['ac', 1], ['dhn', 1], ['dc', 1], ['dz', 4]];
  return stepKernel(stepFunctionName('lstm', 'bwd', act, ract), arrays, ['dz'], (c) => {
    const [i, f, g, o, a, dh, dct] = [c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp()];
    const mul = op.f32x4Mul;
    return [
      c.load('gates', 0), op.set(i), c.load('gates', 1), op.set(f), c.load('gates', 2), op.set(g), c.load('gates', 3), op.set(o),
      c.load('ac'), op.set(a), c.load('dhn'), op.set(dh),
      c.load('dc'), op.get(dh), op.get(o), mul, c.dact(act, op.get(a)), mul, op.f32x4Add, op.set(dct),
      c.store('dc', 0, [op.get(dct), op.get(f), mul]),
      c.store('dz', 0, [op.get(dct), op.get(g), mul, c.dact(ract, op.get(i)), mul]),
      c.store('dz', 1, [op.get(dct), c.load('cp'), mul, c.dact(ract, op.get(f)), mul]),
      c.store('dz', 2, [op.get(dct), op.get(i), mul, c.dact(act, op.get(g)), mul]),
      c.store('dz', 3, [op.get(dh), op.get(a), mul, c.dact(ract, op.get(o)), mul]),
    ];
  });
}

/** GRU with resetAfter: z, r = ract(xp + rec + rb); inner = rec_h + rb_h; hh = act(xp_h + r·inner); h' = z·h + (1-z)·hh. */
function gruForward(act: StepActivation, ract: StepActivation): FunctionSpec {
  const arrays: ArraySpec[] = [['rec', 3], ['xp', 3], ['rb', 0], ['h', 1], ['z', 1], ['r', 1], ['inner', 1], ['hh', 1], ['hNew', 1]];
  return stepKernel(stepFunctionName('gru', 'fwd', act, ract), arrays, [], (c) => {
    const [z, r, inner, hh] = [c.tmp(), c.tmp(), c.tmp(), c.tmp()];
    const pre = (g: number): Code => [c.load('xp', g), c.load('rec', g), op.f32x4Add, c.load('rb', g), op.f32x4Add];
    return [
      c.act(ract, pre(0)), op.set(z), c.store('z', 0, op.get(z)),
      c.act(ract, pre(1)), op.set(r), c.store('r', 0, op.get(r)),
      c.load('rec', 2), c.load('rb', 2), op.f32x4Add, op.set(inner), c.store('inner', 0, op.get(inner)),
      c.act(act, [c.load('xp', 2), op.get(r), op.get(inner), op.f32x4Mul, op.f32x4Add]), op.set(hh), c.store('hh', 0, op.get(hh)),
      c.store('hNew', 0, [op.get(z), c.load('h'), op.f32x4Mul, op.f32x4Const(1), op.get(z), op.f32x4Sub, op.get(hh), op.f32x4Mul, op.f32x4Add]),
    ];
  });
}

/** The backward twin (resetAfter): dXP rows [dz, dr, dah], dRec rows [dz, dr, dah·r], dah, and dh·z (the carried part). */
function gruBackward(act: StepActivation, ract: StepActivation): FunctionSpec {
  const arrays: ArraySpec[] = [['z', 1], ['r', 1], ['hh', 1], ['hp', 1], ['inner', 1], ['dhn', 1], ['direct', 1], ['dah', 1], ['dx', 3], ['dr', 3]];
  return stepKernel(stepFunctionName('gru', 'bwd', act, ract), arrays, ['direct', 'dah', 'dx', 'dr'], (c) => {
    const [z, hh, dh, a, dz, r, dr] = [c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp(), c.tmp()];
    const mul = op.f32x4Mul;
    return [
      c.load('z'), op.set(z), c.load('hh'), op.set(hh), c.load('dhn'), op.set(dh), c.load('r'), op.set(r),
      c.store('direct', 0, [op.get(dh), op.get(z), mul]),
      op.get(dh), op.f32x4Const(1), op.get(z), op.f32x4Sub, mul, c.dact(act, op.get(hh)), mul, op.set(a),
      c.store('dah', 0, op.get(a)),
      op.get(dh), c.load('hp'), op.get(hh), op.f32x4Sub, mul, c.dact(ract, op.get(z)), mul, op.set(dz),
      c.store('dx', 0, op.get(dz)), c.store('dr', 0, op.get(dz)),
      op.get(a), c.load('inner'), mul, c.dact(ract, op.get(r)), mul, op.set(dr),
      c.store('dx', 1, op.get(dr)), c.store('dr', 1, op.get(dr)),
      c.store('dx', 2, op.get(a)),
      c.store('dr', 2, [op.get(a), op.get(r), mul]),
    ];
  });
}

/** (activation, recurrentActivation) pairs with specialised steps: Keras' default and tfjs-layers' default. */
export const STEP_PAIRS: ReadonlyArray<readonly [StepActivation, StepActivation]> = [['tanh', 'sigmoid'], ['tanh', 'hardSigmoid']];

export function cellStepFunctions(): FunctionSpec[] {
  return STEP_PAIRS.flatMap(([a, r]) => [lstmForward(a, r), lstmBackward(a, r), gruForward(a, r), gruBackward(a, r)]);
}
