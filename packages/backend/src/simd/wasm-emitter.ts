// A tiny WebAssembly binary writer: just the opcodes rnnkit's SIMD kernels use. The kernels are generated as
// bytes at run time (no toolchain, no binary blob in the repository), so what runs is what this source says.

export type Code = number | Code[];

/** Flattens nested byte lists (code is written as nested arrays so helpers compose). */
export function bytes(...parts: Code[]): number[] {
  const out: number[] = [];
  const walk = (p: Code): void => {
    if (typeof p === 'number') out.push(p);
    else for (const q of p) walk(q);
  };
  parts.forEach(walk);
  return out;
}

export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const f32Bytes = (v: number): number[] => [...new Uint8Array(Float32Array.of(v).buffer)];
const simd = (code: number, ...rest: number[]): number[] => [0xfd, ...uleb(code), ...rest];
/** memarg: alignment hint (log2) and a constant byte offset. */
const mem = (align: number, offset: number): number[] => [align, ...uleb(offset)];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Opcodes, named as in the text format. */
export const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  call: (func: number) => [0x10, ...uleb(func)],
  // select: (a, b, cond) -> cond ? a : b
  select: [0x1b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (v: number) => [0x41, ...sleb(v | 0)],
  f32: (v: number) => [0x43, ...f32Bytes(v)],
  i32Add: [0x6a], i32Sub: [0x6b], i32Mul: [0x6c], i32Shl: [0x74],
  i32Eqz: [0x45], i32Eq: [0x46], i32And: [0x71], i32Or: [0x72], i32GeS: [0x4e], i32GtS: [0x4a], i32LtS: [0x48], i32LeS: [0x4c],
  f32Load: (offset = 0) => [0x2a, ...mem(2, offset)],
  f32Store: (offset = 0) => [0x38, ...mem(2, offset)],
  // Bulk memory (dst, src|value, bytes): memcpy and memset inside the module.
  memoryCopy: [0xfc, ...uleb(10), 0, 0], memoryFill: [0xfc, ...uleb(11), 0],
  f32Add: [0x92], f32Mul: [0x94], f32Ne: [0x5c], i32Ne: [0x47],
  v128Load: (offset = 0) => simd(0x00, ...mem(2, offset)),
  v128Load32Splat: (offset = 0) => simd(0x09, ...mem(2, offset)),
  v128Store: (offset = 0) => simd(0x0b, ...mem(2, offset)),
  v128Zero: simd(0x0c, ...new Array<number>(16).fill(0)),
  f32x4Splat: simd(0x13),
  f32x4ExtractLane0: simd(0x1f, 0),
  f32x4Const: (v: number) => simd(0x0c, ...f32Bytes(v), ...f32Bytes(v), ...f32Bytes(v), ...f32Bytes(v)),
  i32x4Const: (v: number) => simd(0x0c, ...new Array<number[]>(4).fill([...new Uint8Array(Int32Array.of(v).buffer)]).flat()),
  f32x4Lt: simd(0x43), f32x4Gt: simd(0x44),
  v128And: simd(0x4e), v128Or: simd(0x50), v128Xor: simd(0x51), v128Bitselect: simd(0x52),
  f32x4Nearest: simd(0x6a),
  i32x4Shl: simd(0xab), i32x4Add: simd(0xae),
  f32x4Abs: simd(0xe0), f32x4Neg: simd(0xe1),
  f32x4Add: simd(0xe4), f32x4Sub: simd(0xe5), f32x4Mul: simd(0xe6), f32x4Div: simd(0xe7),
  f32x4Min: simd(0xe8), f32x4Max: simd(0xe9),
  // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a: one instruction each (min/max need NaN fix-ups).
  f32x4Pmin: simd(0xea), f32x4Pmax: simd(0xeb),
  i32x4TruncSatF32x4S: simd(0xf8),
};

/**
 * `for (i = start; i < end; i += step) body` where start/end/step are code that pushes an i32. With `step` a
 * multiple and `end` the limit, `i + step <= end` is the loop guard when `whole` is set (full blocks only).
 */
export function forLoop(i: number, start: Code, end: Code, step: number, body: Code, whole = false): Code {
  const guard = whole
    ? [op.get(i), op.i32(step), op.i32Add, end, op.i32GtS]
    : [op.get(i), end, op.i32GeS];
  return [start, op.set(i), op.block, op.loop, guard, op.brIf(1), body, op.get(i), op.i32(step), op.i32Add, op.set(i), op.br(0), op.end, op.end];
}

export interface FunctionSpec {
  name: string;
  params: number[];
  /** Extra locals after the params, by type. */
  locals: number[];
  body: Code;
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

/** A module with one exported memory ("memory", `pages` of 64 KiB, growable) and the given exported functions (no results). */
export function moduleBytes(functions: FunctionSpec[], pages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0]);
  const funcs = functions.map((_, i) => uleb(i));
  const memory = [[0x00, ...uleb(pages)]];
  const exports = [
    [...name('memory'), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
  ];
  const codes = functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...bytes(f.body), 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs)),
    ...section(5, vec(memory)),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
