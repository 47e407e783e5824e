// Elementwise activations in place over a strided block (rows x cols, row stride in elements), WebAssembly SIMD.
// exp has no wasm instruction: it is 2^n · (1 + expm1(r)) with r = y - n·ln2 (Cephes' split of ln2) and expm1(r)
// by its Taylor series to r^7 (|r| <= 0.35: error ~5e-9). tanh uses expm1 directly, so small inputs keep their
// relative precision: tanh|x| = -expm1(-2|x|) / (2 + expm1(-2|x|)), sign restored.
import { type Code, I32, V128, type FunctionSpec, forLoop, op } from './wasm-emitter.js';

export type SimdActivation = 'sigmoid' | 'tanh' | 'hardSigmoid' | 'relu' | 'relu6';
export const SIMD_ACTIVATIONS: readonly SimdActivation[] = ['sigmoid', 'tanh', 'hardSigmoid', 'relu', 'relu6'];

// Parameters: byte pointer, rows, cols, row stride (elements).
const PTR = 0, ROWS = 1, COLS = 2, STRIDE = 3;
const X = 4, Y = 5, NF = 6, R = 7, E = 8, S = 9; // v128 locals
const RI = 10, CI = 11, P = 12, Q = 13, STRIDE4 = 14; // i32 locals
const LOCALS = [V128, V128, V128, V128, V128, V128, I32, I32, I32, I32, I32];

const fc = op.f32x4Const;

/** From local Y (clamped to [-87, 87]): NF = round(y·log2 e), E = expm1 of the reduced argument, S = 2^n. */
const expParts: Code = [
  op.get(Y), fc(Math.LOG2E), op.f32x4Mul, op.f32x4Nearest, op.set(NF),
  op.get(Y), op.get(NF), fc(0.693359375), op.f32x4Mul, op.f32x4Sub, op.get(NF), fc(-2.12194440e-4), op.f32x4Mul, op.f32x4Sub, op.set(R),
  // E = r + r²·(1/2 + r·(1/6 + r·(1/24 + r·(1/120 + r·(1/720 + r/5040)))))
  op.get(R), fc(1 / 5040), op.f32x4Mul, fc(1 / 720), op.f32x4Add,
  op.get(R), op.f32x4Mul, fc(1 / 120), op.f32x4Add,
  op.get(R), op.f32x4Mul, fc(1 / 24), op.f32x4Add,
  op.get(R), op.f32x4Mul, fc(1 / 6), op.f32x4Add,
  op.get(R), op.f32x4Mul, fc(1 / 2), op.f32x4Add,
  op.get(R), op.get(R), op.f32x4Mul, op.f32x4Mul, op.get(R), op.f32x4Add, op.set(E),
  op.get(NF), op.i32x4TruncSatF32x4S, op.i32x4Const(127), op.i32x4Add, op.i32(23), op.i32x4Shl, op.set(S),
];

const clampY: Code = [op.get(Y), fc(-87), op.f32x4Max, fc(87), op.f32x4Min, op.set(Y)];

/** Code reading local X and leaving the activation's value on the stack. */
const formulas: Record<SimdActivation, Code> = {
  // 1 / (1 + exp(-x)), exp = S·E + S
  sigmoid: [
    op.get(X), op.f32x4Neg, op.set(Y), clampY, expParts,
    fc(1), fc(1), op.get(S), op.get(E), op.f32x4Mul, op.get(S), op.f32x4Add, op.f32x4Add, op.f32x4Div,
  ],
  // t = expm1(-2|x|) = S·E + (S - 1); tanh|x| = -t / (2 + t); sign of x put back.
  tanh: [
    op.get(X), op.f32x4Abs, fc(9), op.f32x4Min, fc(-2), op.f32x4Mul, op.set(Y), expParts,
    op.get(S), op.get(E), op.f32x4Mul, op.get(S), fc(1), op.f32x4Sub, op.f32x4Add, op.set(R),
    op.get(R), op.f32x4Neg, fc(2), op.get(R), op.f32x4Add, op.f32x4Div, op.f32x4Abs,
    op.get(X), op.i32x4Const(-0x80000000), op.v128And, op.v128Or,
  ],
  hardSigmoid: [op.get(X), fc(0.2), op.f32x4Mul, fc(0.5), op.f32x4Add, fc(0), op.f32x4Max, fc(1), op.f32x4Min],
  relu: [op.get(X), fc(0), op.f32x4Max],
  relu6: [op.get(X), fc(0), op.f32x4Max, fc(6), op.f32x4Min],
};

export function activationFunction(kind: SimdActivation): FunctionSpec {
  const f = formulas[kind];
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
