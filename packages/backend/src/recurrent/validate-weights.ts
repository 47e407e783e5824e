import type { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';
import { ACTIVATION_NAMES, isActivationName } from './activations.js';
import { CELL_KINDS, GATES, isCellKind } from './cell-layout.js';
import { checkBoolean, checkShape, checkTensor, formatShape } from './tensor-checks.js';
import type { ActivationName, CellKind } from './types.js';

export interface CellConfigArgs {
  cell: CellKind;
  kernel?: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias?: tf.Tensor;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  resetAfter?: boolean;
}

export interface CellDims {
  units: number;
  gates: number;
  /** GRU with the reset gate after the recurrent matMul (bias [2, 3U]). */
  resetAfter: boolean;
}

/** The cell's weights and options; `features` is null when the caller gives a precomputed input projection. */
export function validateCellConfig(op: string, args: CellConfigArgs, features: number | null): CellDims {
  if (!isCellKind(args.cell)) {
    throw new ValueError({ op, argument: 'cell', expected: `one of ${CELL_KINDS.join(', ')}`, got: JSON.stringify(args.cell) });
  }
  const cell = args.cell;
  const gates = GATES[cell];
  const g = gates === 1 ? 'units' : `${gates} * units`;
  const rk = checkTensor(op, 'recurrentKernel', args.recurrentKernel, 2, `[units, ${g}]`);
  const units = rk.shape[0];
  checkShape(op, 'recurrentKernel', rk, [units, gates * units], `[units, ${g}] for ${cell}, units = ${units} from its first dimension`);
  if (features !== null) {
    const k = checkTensor(op, 'kernel', args.kernel, 2, `[features, ${g}]`);
    checkShape(op, 'kernel', k, [features, gates * units], `[features, ${g}] for ${cell} with ${units} units`);
  }
  checkBoolean(op, 'resetAfter', args.resetAfter);
  if (cell !== 'gru' && args.resetAfter === true) {
    throw new ValueError({ op, argument: 'resetAfter', expected: "unset or false (it applies to 'gru' only)", got: `true for ${cell}` });
  }
  const resetAfter = cell === 'gru' && args.resetAfter !== false;
  if (args.bias !== undefined) validateBias(op, args.bias, cell, units, resetAfter);
  checkActivation(op, 'activation', args.activation);
  if (cell === 'simpleRNN' && args.recurrentActivation !== undefined) {
    throw new ValueError({ op, argument: 'recurrentActivation', expected: "unset (simpleRNN has no gates; use 'activation')", got: JSON.stringify(args.recurrentActivation) });
  }
  checkActivation(op, 'recurrentActivation', args.recurrentActivation);
  return { units, gates, resetAfter };
}

function validateBias(op: string, bias: unknown, cell: CellKind, units: number, resetAfter: boolean): void {
  const gates = GATES[cell];
  if (resetAfter) {
    const b = checkTensor(op, 'bias', bias, 2, '[2, 3 * units] (input row, recurrent row) for gru with resetAfter');
    checkShape(op, 'bias', b, [2, 3 * units], 'input and recurrent rows, [2, 3 * units] for gru with resetAfter');
    return;
  }
  const g = gates === 1 ? 'units' : `${gates} * units`;
  const extra = cell === 'gru' ? ' (gru with resetAfter false)' : '';
  const b = checkTensor(op, 'bias', bias, 1, `[${g}]${extra}`);
  checkShape(op, 'bias', b, [gates * units], `[${g}] for ${cell}${extra}`);
}

function checkActivation(op: string, argument: string, name: unknown): void {
  if (name !== undefined && !isActivationName(name)) {
    throw new ValueError({ op, argument, expected: `one of ${ACTIVATION_NAMES.join(', ')}`, got: JSON.stringify(name) });
  }
}

/** Each state [batch, units]; lstm takes [h, c]. */
export function validateStates(op: string, argument: string, states: unknown, cell: CellKind, batch: number, units: number): void {
  const count = cell === 'lstm' ? 2 : 1;
  const meaning = cell === 'lstm' ? '[h, c] for lstm' : `[h] for ${cell}`;
  if (!Array.isArray(states) || states.length !== count) {
    const got = Array.isArray(states) ? `${states.length}` : states === undefined ? 'undefined' : typeof states;
    throw new ValueError({ op, argument, expected: `${count} tensor${count === 1 ? '' : 's'} (${meaning})`, got });
  }
  states.forEach((s, i) => {
    const t = checkTensor(op, `${argument}[${i}]`, s, 2, '[batch, units]');
    checkShape(op, `${argument}[${i}]`, t, [batch, units], '[batch, units]');
  });
}

export { formatShape };
