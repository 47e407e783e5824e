import { tf } from '../tfjs.js';
import { stepPrepared } from './cell-step.js';
import { prepareCell, projectByGate, type PreparedCell } from './prepared-cell.js';
import type { StepFunction } from './step-types.js';
import { checkShape, checkTensor } from './tensor-checks.js';
import type { ActivationName, CellKind } from './types.js';
import { validateCellConfig, validateStates } from './validate-weights.js';

export interface CellStepConfig {
  cell: CellKind;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter?: boolean;
  /** [B, F] */
  inputDropoutMask?: tf.Tensor2D;
  /** [B, U] */
  recurrentDropoutMask?: tf.Tensor2D;
}

export type PreparedStep = StepFunction & {
  readonly units: number;
  /** Frees the weights cut into gates (not needed inside tf.tidy or tf.grads, which free them). */
  dispose(): void;
};

/**
 * A built-in cell as a step function for rnnLoop, with its weights cut into gates once instead of at every step
 * (rnnCellStep prepares them per call). For stacked or wrapped cells; whole layers call rnnSequence. Create it
 * inside the function you differentiate, so the gradient reaches the weights.
 */
export function createCellStep(config: CellStepConfig): PreparedStep {
  const op = 'createCellStep';
  const kernel = checkTensor(op, 'kernel', config?.kernel, 2, '[features, gates * units]');
  const features = kernel.shape[0];
  const dims = validateCellConfig(op, config, features);
  if (config.inputDropoutMask !== undefined) checkTensor(op, 'inputDropoutMask', config.inputDropoutMask, 2, '[batch, features]');
  if (config.recurrentDropoutMask !== undefined) checkTensor(op, 'recurrentDropoutMask', config.recurrentDropoutMask, 2, '[batch, units]');
  // Keep the gate slices, free the intermediates (the transposes); the tape keeps what backprop needs.
  let prepared!: PreparedCell;
  const owned = tf.tidy(() => {
    prepared = prepareCell({ ...config, resetAfter: dims.resetAfter }, dims.units);
    return [...(prepared.kernelT ?? []), ...prepared.recurrentT, ...(prepared.inputBias ?? []), ...(prepared.recurrentBias ?? [])];
  });
  const step = ((x: tf.Tensor2D, states: tf.Tensor2D[]) => {
    const input = checkTensor('createCellStep step', 'inputs', x, 2, '[batch, features]');
    const batch = input.shape[0];
    checkShape('createCellStep step', 'inputs', input, [batch, features], `[batch, features] with features = ${features} from the kernel`);
    validateStates('createCellStep step', 'states', states, config.cell, batch, dims.units);
    if (config.inputDropoutMask) checkShape('createCellStep step', 'inputDropoutMask', config.inputDropoutMask, [batch, features], '[batch, features]');
    if (config.recurrentDropoutMask) checkShape('createCellStep step', 'recurrentDropoutMask', config.recurrentDropoutMask, [batch, dims.units], '[batch, units]');
    const xIn = config.inputDropoutMask ? (tf.mul(x, config.inputDropoutMask) as tf.Tensor2D) : x;
    return stepPrepared(prepared, projectByGate(prepared, xIn), states);
  }) as PreparedStep;
  Object.defineProperty(step, 'units', { value: dims.units });
  // A one-gate bias slice is the caller's bias tensor itself: never dispose what the caller passed.
  const callers = new Set<tf.Tensor | undefined>([config.kernel, config.recurrentKernel, config.bias]);
  step.dispose = () => tf.dispose(owned.filter((t) => !callers.has(t)));
  return step;
}
