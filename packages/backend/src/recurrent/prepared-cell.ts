import { tf } from '../tfjs.js';
import { activation, type ActivationFn as Act } from './activations.js';
import type { ActivationName, CellKind } from './types.js';

type Tensor2D = tf.Tensor2D;

/** A cell's weights arranged for stepping: slices and bias rows cut once, not once per step. */
export interface PreparedCell {
  cell: CellKind;
  units: number;
  act: Act;
  ract: Act;
  resetAfter: boolean;
  recurrentKernel: Tensor2D;
  /** gru, resetAfter false: the z,r columns and the h columns of the recurrent kernel. */
  recurrentKernelZR?: Tensor2D;
  recurrentKernelH?: Tensor2D;
  /** gru, resetAfter true: the recurrent bias row [3U]. */
  recurrentBias?: tf.Tensor1D;
  recurrentDropoutMask?: Tensor2D;
}

export interface PrepareArgs {
  cell: CellKind;
  recurrentKernel: Tensor2D;
  bias?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter: boolean;
  recurrentDropoutMask?: Tensor2D;
}

export function prepareCell(a: PrepareArgs, units: number): PreparedCell {
  const p: PreparedCell = {
    cell: a.cell,
    units,
    act: activation(a.activation ?? 'tanh'),
    ract: activation(a.recurrentActivation ?? 'sigmoid'),
    resetAfter: a.resetAfter,
    recurrentKernel: a.recurrentKernel,
  };
  if (a.recurrentDropoutMask) p.recurrentDropoutMask = a.recurrentDropoutMask;
  if (a.cell === 'gru' && !a.resetAfter) {
    p.recurrentKernelZR = tf.slice(a.recurrentKernel, [0, 0], [units, 2 * units]);
    p.recurrentKernelH = tf.slice(a.recurrentKernel, [0, 2 * units], [units, units]);
  }
  if (a.cell === 'gru' && a.resetAfter && a.bias) {
    p.recurrentBias = tf.reshape(tf.slice(a.bias, [1, 0], [1, 3 * units]), [3 * units]);
  }
  return p;
}

/** The bias that belongs with x·kernel: the whole bias, or row 0 of a resetAfter GRU's [2, 3U] bias. */
export function inputSideBias(cell: CellKind, bias: tf.Tensor | undefined, resetAfter: boolean, units: number): tf.Tensor1D | undefined {
  if (!bias) return undefined;
  if (cell === 'gru' && resetAfter) return tf.reshape(tf.slice(bias, [0, 0], [1, 3 * units]), [3 * units]);
  return bias as tf.Tensor1D;
}
