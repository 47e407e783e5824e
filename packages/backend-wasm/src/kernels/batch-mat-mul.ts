import { tf } from '@rnnkit/backend';

// tfjs-backend-wasm's BatchMatMul is 8-13x slower (256x256) when asked to transpose an operand (XNNPACK packs the
// transposed operand element by element) than a Transpose followed by a plain BatchMatMul. Gradients of
// matMul always ask for a transpose (dA = dY·Bᵀ, dB = Aᵀ·dY), so training pays it on every step.
// This wraps the original kernel: transpose explicitly, then multiply without transpose flags.

type KernelArgs = Parameters<tf.KernelFunc>[0];
interface MatMulAttrs { transposeA: boolean; transposeB: boolean }
interface WasmBackendLike { disposeData(dataId: object): boolean }

const MARK = Symbol.for('rnnkit.wasm.explicitTransposeMatMul');
/** The replaced tfjs kernel, kept on the new config so a benchmark can measure stock tfjs against it. */
const ORIGINAL = Symbol.for('rnnkit.wasm.originalBatchMatMul');

/** Replaces the wasm BatchMatMul kernel once. Must run before the wasm backend initialises (setupFunc). */
export function registerExplicitTransposeMatMul(): boolean {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return false;
  if ((original as unknown as Record<symbol, boolean>)[MARK]) return true;

  const swapLast = (info: tf.TensorInfo, args: KernelArgs): tf.TensorInfo => {
    const rank = info.shape.length;
    const perm = [...Array(rank).keys()];
    [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
    return transpose.kernelFunc({ inputs: { x: info }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
  };

  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
    if (!transposeA && !transposeB) return original.kernelFunc(args) as tf.TensorInfo;
    const a = args.inputs.a as tf.TensorInfo;
    const b = args.inputs.b as tf.TensorInfo;
    const at = transposeA ? swapLast(a, args) : a;
    const bt = transposeB ? swapLast(b, args) : b;
    try {
      return original.kernelFunc({ ...args, inputs: { a: at, b: bt }, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
    } finally {
      const backend = args.backend as unknown as WasmBackendLike;
      if (at !== a) backend.disposeData(at.dataId);
      if (bt !== b) backend.disposeData(bt.dataId);
    }
  };

  const config: tf.KernelConfig = { ...original, kernelFunc };
  (config as unknown as Record<symbol, boolean>)[MARK] = true;
  (config as unknown as Record<symbol, tf.KernelConfig>)[ORIGINAL] = original;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(config);
  return true;
}
