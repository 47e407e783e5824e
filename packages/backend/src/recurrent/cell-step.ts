import { tf } from '../tfjs.js';
import { ValueError } from '../errors.js';
import { GATES } from './cell-layout.js';
import { gruStep } from './gru-step.js';
import { lstmStep } from './lstm-step.js';
import { prepareCell, projectByGate, type PreparedCell } from './prepared-cell.js';
import { simpleRnnStep } from './simple-rnn-step.js';
import type { RnnCellStepArgs, StepResult } from './step-types.js';
import { checkShape, checkTensor } from './tensor-checks.js';
import { validateCellConfig, validateStates } from './validate-weights.js';

const STEPS = { lstm: lstmStep, gru: gruStep, simpleRNN: simpleRnnStep } as const;

/** Internal: one step of a prepared cell on its per-gate input projections. */
export function stepPrepared(p: PreparedCell, x: tf.Tensor2D[], states: tf.Tensor2D[]): StepResult {
  return STEPS[p.cell](p, x, states);
}

/**
 * ONE time step of a built-in cell (Keras semantics and gate order), validated. Differentiable.
 * Layers that run whole sequences should call rnnSequence, which projects every step's input at once.
 */
export function rnnCellStep(args: RnnCellStepArgs): StepResult {
  const op = 'rnnCellStep';
  if (args === null || typeof args !== 'object') throw new ValueError({ op, argument: 'args', expected: 'an object', got: String(args) });
  const hasInputs = args.inputs !== undefined;
  if (hasInputs === (args.inputProjection !== undefined)) {
    throw new ValueError({ op, argument: 'inputs / inputProjection', expected: 'exactly one of them', got: hasInputs ? 'both' : 'neither' });
  }
  const source = checkTensor(op, hasInputs ? 'inputs' : 'inputProjection', hasInputs ? args.inputs : args.inputProjection, 2, hasInputs ? '[batch, features]' : '[batch, gates * units]');
  const [batch, width] = source.shape;
  const dims = validateCellConfig(op, args, hasInputs ? width : null);
  if (!hasInputs) {
    checkShape(op, 'inputProjection', source, [batch, dims.gates * dims.units], `[batch, ${GATES[args.cell]} * units] for ${args.cell}`);
    if (args.inputDropoutMask !== undefined) {
      throw new ValueError({ op, argument: 'inputDropoutMask', expected: 'unset with inputProjection (apply it before projecting)', got: 'a tensor' });
    }
  }
  validateStates(op, 'states', args.states, args.cell, batch, dims.units);
  if (args.inputDropoutMask !== undefined) {
    checkShape(op, 'inputDropoutMask', checkTensor(op, 'inputDropoutMask', args.inputDropoutMask, 2, '[batch, features]'), [batch, width], '[batch, features]');
  }
  if (args.recurrentDropoutMask !== undefined) {
    checkShape(op, 'recurrentDropoutMask', checkTensor(op, 'recurrentDropoutMask', args.recurrentDropoutMask, 2, '[batch, units]'), [batch, dims.units], '[batch, units]');
  }
  const result = tf.tidy(() => {
    const p = prepareCell({ ...args, resetAfter: dims.resetAfter }, dims.units);
    let x: tf.Tensor2D[];
    if (args.inputProjection) {
      x = dims.gates === 1 ? [args.inputProjection] : (tf.split(args.inputProjection, dims.gates, 1) as tf.Tensor2D[]);
    } else {
      x = projectByGate(p, args.inputDropoutMask ? tf.mul(args.inputs!, args.inputDropoutMask) : args.inputs!);
    }
    const r = stepPrepared(p, x, args.states);
    return { output: r.output, states: r.states };
  });
  return result as unknown as StepResult;
}
