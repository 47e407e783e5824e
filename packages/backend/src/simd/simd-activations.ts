// Elementwise activations in place over a strided block (rows x cols, row stride in elements), WebAssembly SIMD
// (the formulas are in simd-math.ts).
import { I32, V128, type FunctionSpec, forLoop, op } from './wasm-emitter.js';
import { activationCode, type SimdActivation } from './simd-math.js';

export { SIMD_ACTIVATIONS, type SimdActivation } from './simd-math.js';

// Parameters: byte pointer, rows, cols, row stride (elements).
const PTR = 0, ROWS = 1, COLS = 2, STRIDE = 3;
const X = 4, Y = 5, NF = 6, R = 7, E = 8, S = 9; // v128 locals
const RI = 10, CI = 11, P = 12, Q = 13, STRIDE4 = 14; // i32 locals
const LOCALS = [V128, V128, V128, V128, V128, V128, I32, I32, I32, I32, I32];

export function activationFunction(kind: SimdActivation): FunctionSpec {
  const f = activationCode(kind, { X, Y, NF, R, E, S });
  const row = [
    op.get(PTR), op.get(RI), op.get(STRIDE4), op.i32Mul, op.i32Add, op.set(P),
    forLoop(CI, op.i32(0), op.get(COLS), 4, [
      op.get(P), op.get(CI), op.i32(2), op.i32Shl, op.i32Add, op.set(Q),
      op.get(Q), op.v128Load(), op.set(X), op.get(Q), f, op.v128Store(),
    ], true),
    // Leftover columns one at a time, through lane 0 of the same vector code.
    forLoop(CI, op.get(CI), op.get(COLS), 1, [
      op.get(P), op.get(CI), op.i32(2), op.i32Shl, op.i32Add, op.set(Q),
      op.get(Q), op.f32Load(), op.f32x4Splat, op.set(X), op.get(Q), f, op.f32x4ExtractLane0, op.f32Store(),
    ]),
  ];
  return {
    name: `act_${kind}`,
    params: [I32, I32, I32, I32],
    locals: LOCALS,
    body: [op.get(STRIDE), op.i32(2), op.i32Shl, op.set(STRIDE4), forLoop(RI, op.i32(0), op.get(ROWS), 1, row)],
  };
}
