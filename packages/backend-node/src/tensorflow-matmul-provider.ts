// The fused kernels' products on TensorFlow. tf.matMul is BatchMatMulV2, which TensorFlow's default (oneDNN) build
// runs in about 45 microseconds for any small product, [1, 64] x [64, 256] included; the recurrent step makes one
// such product per time step each way, so that fixed cost set the speed. The SparseMatMul op with both operands
// dense is a plain Eigen contraction and costs 10-20 microseconds there. It is used for small products only, and
// only where Eigen multiplies with its own kernel (eigen-contraction.ts): large products are about twice as fast
// on oneDNN's BatchMatMulV2.
import { tensorMatMulProvider, tf } from '@rnnkit/backend';
import type { MatMulProvider } from '@rnnkit/backend';
import { activeTensorflowBackend, type NodeBinding, type NodeKernelBackend, type TfAttr } from './tensorflow-backend.js';

/** m x k x n at or below which a product goes to SparseMatMul (32 x 256 x 256: both ops cost the same there). */
export const EIGEN_MAX_PRODUCT_SIZE = 32 * 256 * 256;

function tensorflowBackend(): NodeKernelBackend {
  const be = activeTensorflowBackend();
  if (!be) throw new Error(`eigenMatMul needs the 'tensorflow' backend active (the active one is '${tf.getBackend()}')`);
  return be;
}

let cachedAttrs: { binding: NodeBinding; attrs: TfAttr[] } | null = null;
function sparseMatMulAttrs(binding: NodeBinding): TfAttr[] {
  if (cachedAttrs?.binding !== binding) {
    const flag = (name: string): TfAttr => ({ name, type: binding.TF_ATTR_BOOL, value: false });
    const float = (name: string): TfAttr => ({ name, type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT });
    cachedAttrs = { binding, attrs: [flag('transpose_a'), flag('transpose_b'), flag('a_is_sparse'), flag('b_is_sparse'), float('Ta'), float('Tb')] };
  }
  return cachedAttrs.attrs;
}

/** a · b of two float32 matrices as one Eigen contraction (SparseMatMul); the caller owns the result. */
export function eigenMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const be = tensorflowBackend();
  return be.executeSingleOutput('SparseMatMul', sparseMatMulAttrs(be.binding), [a, b]) as tf.Tensor2D;
}

/** The provider; `eigenIsSafe` says whether Eigen multiplies with its own kernel in this process. */
export function tensorflowMatMulProvider(eigenIsSafe: () => boolean): MatMulProvider {
  return tensorMatMulProvider('tensorflow', (a, b) => (a.shape[0] * a.shape[1] * b.shape[1] <= EIGEN_MAX_PRODUCT_SIZE && eigenIsSafe() ? eigenMatMul(a, b) : tf.matMul(a, b)));
}
