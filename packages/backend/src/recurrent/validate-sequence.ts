import { checkBoolean, checkShape, checkTensor } from './tensor-checks.js';
import { validateCellConfig, validateStates, type CellDims } from './validate-weights.js';
import type { RnnSequenceArgs } from './types.js';
import { ValueError } from '../errors.js';

export interface SequenceDims extends CellDims {
  batch: number;
  time: number;
  features: number;
}

/** Every argument of a whole-sequence kernel call, checked once before any implementation runs. */
export function validateRnnSequenceArgs(args: RnnSequenceArgs, op = 'rnnSequence'): SequenceDims {
  if (args === null || typeof args !== 'object') {
    throw new ValueError({ op, argument: 'args', expected: 'an object', got: String(args) });
  }
  const inputs = checkTensor(op, 'inputs', args.inputs, 3, '[batch, time, features]');
  const [batch, time, features] = inputs.shape;
  if (time < 1) throw new ValueError({ op, argument: 'inputs', expected: 'at least 1 time step', got: `shape [${inputs.shape.join(', ')}]` });
  const dims = validateCellConfig(op, args, features);
  validateStates(op, 'initialState', args.initialState, args.cell, batch, dims.units);
  if (args.mask !== undefined) {
    const m = checkTensor(op, 'mask', args.mask, 2, '[batch, time]', ['float32', 'int32', 'bool']);
    checkShape(op, 'mask', m, [batch, time], '[batch, time]');
  }
  if (args.inputDropoutMask !== undefined) {
    const m = checkTensor(op, 'inputDropoutMask', args.inputDropoutMask, 2, '[batch, features]');
    checkShape(op, 'inputDropoutMask', m, [batch, features], '[batch, features]');
  }
  if (args.recurrentDropoutMask !== undefined) {
    const m = checkTensor(op, 'recurrentDropoutMask', args.recurrentDropoutMask, 2, '[batch, units]');
    checkShape(op, 'recurrentDropoutMask', m, [batch, dims.units], '[batch, units]');
  }
  for (const flag of ['goBackwards', 'returnSequences', 'zeroOutputForMask'] as const) checkBoolean(op, flag, args[flag]);
  return { ...dims, batch, time, features };
}
