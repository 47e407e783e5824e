import type { tf } from '../tfjs.js';
import type { ActivationName, CellKind } from './types.js';

export interface StepResult {
  /** [B, U] (for the built-in cells, the new h). */
  output: tf.Tensor2D;
  /** The new states: [h] or, for lstm, [h, c]. */
  states: tf.Tensor2D[];
}

/**
 * One time step of a built-in cell. Give either `inputs` [B, F] (with `kernel`), or `inputProjection` [B, G*U]:
 * the already computed (inputs * inputDropoutMask)·kernel + input-side bias (the bias, or for a resetAfter GRU
 * its row 0), as a layer does for all time steps at once. The step then adds only the recurrent part.
 */
export interface RnnCellStepArgs {
  cell: CellKind;
  inputs?: tf.Tensor2D;
  inputProjection?: tf.Tensor2D;
  /** [h] or, for lstm, [h, c]; each [B, U]. */
  states: tf.Tensor2D[];
  kernel?: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter?: boolean;
  /** [B, F]; only with `inputs` (a projection already has it applied). */
  inputDropoutMask?: tf.Tensor2D;
  /** [B, U]. */
  recurrentDropoutMask?: tf.Tensor2D;
}

/** A custom cell's step for rnnLoop: inputs [B, F] and states in, output and new states out. */
export type StepFunction = (inputs: tf.Tensor2D, states: tf.Tensor2D[]) => StepResult;
