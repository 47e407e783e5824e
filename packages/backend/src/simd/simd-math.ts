// Vector (f32x4) formulas for activations and their derivatives, as code that callers inline into their own
// functions. exp has no wasm instruction: it is 2^n · (1 + expm1(r)) with r = y - n·ln2 (Cephes' split of ln2)
// and expm1(r) by its Taylor series to r^7 (|r| <= 0.35: error ~5e-9). tanh uses expm1 directly, so small inputs
// keep their relative precision: tanh|x| = -expm1(-2|x|) / (2 + expm1(-2|x|)), sign restored.
import { type Code, op } from './wasm-emitter.js';

export type SimdActivation = 'sigmoid' | 'tanh' | 'hardSigmoid' | 'relu' | 'relu6';
export const SIMD_ACTIVATIONS: readonly SimdActivation[] = ['sigmoid', 'tanh', 'hardSigmoid', 'relu', 'relu6'];
/** Activations the fused cell steps specialise (linear too: the identity). */
export type StepActivation = SimdActivation | 'linear';

/** v128 locals the formulas use as scratch (X is the input). */
export interface MathLocals {
  X: number;
  Y: number;
  NF: number;
  R: number;
  E: number;
  S: number;
}

const fc = op.f32x4Const;

// 1.5·2^23 + 127: adding it rounds y·log2 e to an integer n held in the low mantissa bits as n + 127, so shifting
// the bits left by 23 gives 2^n (and subtracting it back gives n): XNNPACK's "magic bias" trick, cheaper than
// nearest + saturating conversion.
const MAGIC = 12582912 + 127;

/** From local Y (clamped to [-87, 87]): NF = round(y·log2 e), E = expm1 of the reduced argument, S = 2^n. */
function expParts({ Y, NF, R, E, S }: MathLocals): Code {
  return [
    op.get(Y), fc(Math.LOG2E), op.f32x4Mul, fc(MAGIC), op.f32x4Add, op.tee(NF), op.i32(23), op.i32x4Shl, op.set(S),
    op.get(NF), fc(MAGIC), op.f32x4Sub, op.set(NF),
    op.get(Y), op.get(NF), fc(0.693359375), op.f32x4Mul, op.f32x4Sub, op.get(NF), fc(-2.12194440e-4), op.f32x4Mul, op.f32x4Sub, op.set(R),
    // E = r + r²·(1/2 + r·(1/6 + r·(1/24 + r·(1/120 + r·(1/720 + r/5040)))))
    op.get(R), fc(1 / 5040), op.f32x4Mul, fc(1 / 720), op.f32x4Add,
    op.get(R), op.f32x4Mul, fc(1 / 120), op.f32x4Add,
    op.get(R), op.f32x4Mul, fc(1 / 24), op.f32x4Add,
    op.get(R), op.f32x4Mul, fc(1 / 6), op.f32x4Add,
    op.get(R), op.f32x4Mul, fc(1 / 2), op.f32x4Add,
    op.get(R), op.get(R), op.f32x4Mul, op.f32x4Mul, op.get(R), op.f32x4Add, op.set(E),
  ];
}

// Clamps keep NaN: pmax(x, lo) = x < lo ? lo : x and pmin(x, hi) = hi < x ? hi : x both return x for NaN.
const clamp = (lo: number, hi: number): Code => [fc(lo), op.f32x4Pmax, fc(hi), op.f32x4Pmin];

/** Code reading local X and leaving act(X) on the stack. */
export function activationCode(kind: StepActivation, L: MathLocals): Code {
  const { X, Y, R, E, S } = L;
  switch (kind) {
    case 'sigmoid': // 1 / (1 + exp(-x)), exp = S·E + S
      return [
        op.get(X), op.f32x4Neg, clamp(-87, 87), op.set(Y), expParts(L),
        fc(1), fc(1), op.get(S), op.get(E), op.f32x4Mul, op.get(S), op.f32x4Add, op.f32x4Add, op.f32x4Div,
      ];
    case 'tanh': // t = expm1(-2|x|) = S·E + (S - 1); tanh|x| = -t / (2 + t); sign of x put back.
      return [
        op.get(X), op.f32x4Abs, fc(9), op.f32x4Pmin, fc(-2), op.f32x4Mul, op.set(Y), expParts(L),
        op.get(S), op.get(E), op.f32x4Mul, op.get(S), fc(1), op.f32x4Sub, op.f32x4Add, op.set(R),
        op.get(R), op.f32x4Neg, fc(2), op.get(R), op.f32x4Add, op.f32x4Div, op.f32x4Abs,
        op.get(X), op.i32x4Const(-0x80000000), op.v128And, op.v128Or,
      ];
    case 'hardSigmoid':
      return [op.get(X), fc(0.2), op.f32x4Mul, fc(0.5), op.f32x4Add, clamp(0, 1)];
    case 'relu':
      return [op.get(X), fc(0), op.f32x4Pmax];
    case 'relu6':
      return [op.get(X), clamp(0, 6)];
    case 'linear':
      return [op.get(X)];
  }
}

/** Code leaving act'(x) on the stack, written from the activation's output y held in local `y`. */
export function derivativeCode(kind: StepActivation, y: number): Code {
  const inside = (lo: number, hi: number, slope: number): Code => [
    fc(slope), op.get(y), fc(lo), op.f32x4Gt, op.get(y), fc(hi), op.f32x4Lt, op.v128And, op.v128And,
  ];
  switch (kind) {
    case 'sigmoid':
      return [op.get(y), op.get(y), op.get(y), op.f32x4Mul, op.f32x4Sub];
    case 'tanh':
      return [fc(1), op.get(y), op.get(y), op.f32x4Mul, op.f32x4Sub];
    case 'hardSigmoid':
      return inside(0, 1, 0.2);
    case 'relu':
      return [fc(1), op.get(y), fc(0), op.f32x4Gt, op.v128And];
    case 'relu6':
      return inside(0, 6, 1);
    case 'linear':
      return [fc(1)];
  }
}
