// One core's WebAssembly SIMD arithmetic peak: a loop of 12 independent f32x4 multiply-adds from registers, no
// memory traffic. The ceiling any single-threaded wasm product (rnnkit's or XNNPACK's) can approach; the README's
// analysis of the 256-unit predict rows divides by it. f32x4 has no fused multiply-add without relaxed SIMD, and on
// cores with separate multiply and add pipes (AMD Zen) a fused one would not raise the peak.
const ACC = 12;
const leb = (v) => { const out = []; do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; out.push(b); } while (v); return out; };
const f32x4 = (v) => [0xfd, 0x0c, ...Array(4).fill([...new Uint8Array(Float32Array.of(v).buffer)]).flat()];
const simd = (code) => [0xfd, ...leb(code)];
const [MUL, ADD] = [simd(0xe6), simd(0xe4)];
const get = (i) => [0x20, ...leb(i)], set = (i) => [0x21, ...leb(i)];
// (func (param $n i32) (local $i i32) (local $acc v128 x12) (local $x v128) (local $y v128)), stores the sum at 0.
const I = 1, X = 2 + ACC, Y = 3 + ACC, accs = Array.from({ length: ACC }, (_, k) => 2 + k);
const body = [
  ...f32x4(1.0000001), ...set(X), ...f32x4(0.9999999), ...set(Y),
  0x02, 0x40, 0x03, 0x40, // block loop
  ...get(I), ...get(0), 0x4e, 0x0d, 1, // br_if 1 (i >= n)
  ...accs.flatMap((a) => [...get(a), ...get(X), ...get(Y), ...MUL, ...ADD, ...set(a)]),
  ...get(I), 0x41, 1, 0x6a, ...set(I), 0x0c, 0, 0x0b, 0x0b, // i++, br 0, end, end
  0x41, 0, ...get(accs[0]), ...accs.slice(1).flatMap((a) => [...get(a), ...ADD]), 0xfd, 0x0b, 2, 0, // v128.store
  0x0b,
];
const locals = [2, 1, 0x7f, ACC + 2, 0x7b]; // 2 groups: 1 x i32, 14 x v128
const code = [...locals, ...body];
const section = (id, payload) => [id, ...leb(payload.length), ...payload];
const bytes = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 1, 0x7f, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0, 1]),
  ...section(7, [1, 4, ...[...'peak'].map((c) => c.charCodeAt(0)), 0, 0]),
  ...section(10, [1, ...leb(code.length), ...code]),
]);

/** GFLOP/s of the loop (best of `rounds`), or undefined where WebAssembly SIMD does not validate. */
export function wasmSimdPeakGflops({ iterations = 2e7, rounds = 3 } = {}) {
  if (!WebAssembly.validate(bytes)) return undefined;
  const { peak } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  peak(1e5);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    peak(iterations);
    best = Math.max(best, (iterations * ACC * 8) / ((performance.now() - t0) / 1e3) / 1e9);
  }
  return best;
}
