// TensorFlow's Eigen tensor contractions (the SparseMatMul op among others) multiply their blocks with oneDNN's JIT
// sgemm unless TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL is "false" or "0" when the first contraction runs; TensorFlow
// reads it once. That sgemm corrupts the heap when a signal arrives mid-call (a [32, 128] x [128, 256] product under
// `node --cpu-prof` aborts within seconds), while Eigen's own kernel, compiled ahead of time, survives. With oneDNN's
// ops on (TensorFlow's default), MatMul, BatchMatMul and Conv2D run on oneDNN primitives instead, so the variable
// only changes the ops that stay on Eigen.

export const CONTRACTION_VARIABLE = 'TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL';

/** Whether this environment asks TensorFlow for Eigen's own contraction kernel. */
export function contractionKernelIsEigens(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[CONTRACTION_VARIABLE];
  return value === 'false' || value === '0';
}

/**
 * Runs `load` (which loads TensorFlow and runs its first contraction) with the variable set to "false" when the user
 * has not set it, then restores the environment, so child processes see the user's own. Returns whether Eigen's own
 * kernel is in force afterwards. With TF_ENABLE_ONEDNN_OPTS=0 every MatMul is an Eigen contraction, and Eigen's
 * kernel is about half oneDNN's speed on large products: the variable is then left alone.
 */
export async function loadWithEigenContractions(load: () => Promise<void>, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const ours = env[CONTRACTION_VARIABLE] === undefined && env.TF_ENABLE_ONEDNN_OPTS !== '0';
  if (ours) env[CONTRACTION_VARIABLE] = 'false';
  try {
    await load();
    return contractionKernelIsEigens(env);
  } finally {
    if (ours) delete env[CONTRACTION_VARIABLE];
  }
}
