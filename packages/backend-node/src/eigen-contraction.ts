// TensorFlow's Eigen tensor contractions multiply their blocks with oneDNN's JIT sgemm unless
// TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL is "false" or "0" when the first contraction runs; TensorFlow reads it
// once. That sgemm corrupts the heap when a signal arrives mid-call (a [32, 128] x [128, 256] product under
// `node --cpu-prof` aborts within seconds), while Eigen's own kernel, compiled ahead of time, survives.
// - The SparseMatMul op (the fused kernels' small products) is always an Eigen contraction.
// - With TF_ENABLE_ONEDNN_OPTS=0, so is every MatMul and BatchMatMul (tf.matMul): without the variable, any tfjs
//   product of contraction depth 128 or more could then abort the process.
// - With oneDNN's ops on (TensorFlow's default), MatMul, BatchMatMul and Conv2D run on oneDNN primitives instead,
//   so the variable does not change them.

export const CONTRACTION_VARIABLE = 'TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL';

/** Whether this environment asks TensorFlow for Eigen's own contraction kernel. */
export function contractionKernelIsEigens(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[CONTRACTION_VARIABLE];
  return value === 'false' || value === '0';
}

/**
 * Runs `load`, which loads TensorFlow and runs its first contraction (resolving true once that contraction has run),
 * with the variable set to "false" when the user has not set it; then restores the environment, so child processes
 * see the user's own. Returns whether Eigen's own kernel is in force afterwards: a contraction that never ran has
 * fixed nothing, and a later one would read the restored environment.
 */
export async function loadWithEigenContractions(load: () => Promise<boolean>, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const ours = env[CONTRACTION_VARIABLE] === undefined;
  if (ours) env[CONTRACTION_VARIABLE] = 'false';
  try {
    const contracted = await load();
    return contractionKernelIsEigens(env) && (contracted || !ours);
  } finally {
    if (ours) delete env[CONTRACTION_VARIABLE];
  }
}
