import { tf } from '../tfjs.js';
import { activation, type ActivationFn } from './activations.js';
import { GATES } from './cell-layout.js';
import type { ActivationName, CellKind } from './types.js';

type Tensor2D = tf.Tensor2D;
type Tensor1D = tf.Tensor1D;

/**
 * A cell's weights cut into gates once per call, transposed: gate g's kernel is `kernelT[g]` [U, F] and its
 * recurrent kernel `recurrentT[g]` [U, U], used as matMul(x, w, false, true). Why: on the cpu backend slicing
 * along the last axis is ~100x slower than along the first, so we transpose once (fast) and split along axis 0
 * (contiguous) instead of splitting [B, G*U] gate pre-activations at every step.
 */
export interface PreparedCell {
  cell: CellKind;
  units: number;
  act: ActivationFn;
  ract: ActivationFn;
  resetAfter: boolean;
  kernelT?: Tensor2D[];
  recurrentT: Tensor2D[];
  /** Per gate [U]: the bias, or a resetAfter GRU's input row. */
  inputBias?: Tensor1D[];
  /** resetAfter GRU only: the recurrent row per gate [U]. */
  recurrentBias?: Tensor1D[];
  recurrentDropoutMask?: Tensor2D;
}

export interface PrepareArgs {
  cell: CellKind;
  kernel?: Tensor2D;
  recurrentKernel: Tensor2D;
  bias?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter: boolean;
  recurrentDropoutMask?: Tensor2D;
}

// A one-way tf.split has no working gradient in tfjs-core 4.22 (its backward pass concats an empty list).
function splitGates<T extends tf.Tensor>(w: T, gates: number): T[] {
  return gates === 1 ? [w] : (tf.split(w, gates, 0) as T[]);
}

function byGate(w: Tensor2D, gates: number): Tensor2D[] {
  return splitGates(tf.transpose(w), gates);
}

/** Call inside tf.tidy: the slices are intermediate tensors. */
export function prepareCell(a: PrepareArgs, units: number): PreparedCell {
  const gates = GATES[a.cell];
  const p: PreparedCell = {
    cell: a.cell,
    units,
    act: activation(a.activation ?? 'tanh'),
    ract: activation(a.recurrentActivation ?? 'sigmoid'),
    resetAfter: a.resetAfter,
    recurrentT: byGate(a.recurrentKernel, gates),
  };
  if (a.kernel) p.kernelT = byGate(a.kernel, gates);
  if (a.recurrentDropoutMask) p.recurrentDropoutMask = a.recurrentDropoutMask;
  if (a.bias && a.cell === 'gru' && a.resetAfter) {
    const [inputRow, recurrentRow] = tf.unstack(a.bias, 0) as Tensor1D[];
    p.inputBias = splitGates(inputRow, gates);
    p.recurrentBias = splitGates(recurrentRow, gates);
  } else if (a.bias) {
    p.inputBias = splitGates(a.bias as Tensor1D, gates);
  }
  return p;
}

/** Per-gate input projections x·kernel_g + inputBias_g for x [N, F]: each [N, U]. */
export function projectByGate(p: PreparedCell, x: Tensor2D): Tensor2D[] {
  return p.kernelT!.map((k, g) => {
    const xp = tf.matMul(x, k, false, true);
    return (p.inputBias ? tf.add(xp, p.inputBias[g]) : xp) as Tensor2D;
  });
}

/** h·recurrentKernel_g, with the recurrent kernel stored transposed. */
export function recurrentPart(p: PreparedCell, h: tf.Tensor, g: number): Tensor2D {
  return tf.matMul(h as Tensor2D, p.recurrentT[g], false, true);
}
