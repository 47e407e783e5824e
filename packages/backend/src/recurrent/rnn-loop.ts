import { tf } from '../tfjs.js';
import { ShapeError, ValueError } from '../errors.js';
import type { StepFunction, StepResult } from './step-types.js';
import { checkBoolean, checkShape, checkTensor, formatShape } from './tensor-checks.js';
import { runTimeLoop, splitMask, unstackTime } from './time-loop.js';
import type { RnnSequenceResult } from './types.js';

export interface RnnLoopArgs {
  /** One step of the cell: inputs [B, F] and states in, `{ output, states }` out. */
  step: StepFunction;
  /** [B, T, F]. */
  inputs: tf.Tensor3D;
  /** At least one state, each [B, n]. */
  initialStates: tf.Tensor2D[];
  /** [B, T]; nonzero marks a real step. */
  mask?: tf.Tensor2D;
  goBackwards?: boolean;
  returnSequences?: boolean;
  zeroOutputForMask?: boolean;
}

/**
 * The loop over time for cells rnnkit has no kernel for (user-defined, stacked): the same mask, goBackwards and
 * output semantics as rnnSequence. Differentiable when `step` is. Time is unstacked once.
 */
export function rnnLoop(args: RnnLoopArgs): RnnSequenceResult {
  const op = 'rnnLoop';
  if (typeof args?.step !== 'function') throw new ValueError({ op, argument: 'step', expected: 'a function (inputs, states) => { output, states }', got: typeof args?.step });
  const inputs = checkTensor(op, 'inputs', args.inputs, 3, '[batch, time, features]');
  const [batch, time] = inputs.shape;
  if (time < 1) throw new ValueError({ op, argument: 'inputs', expected: 'at least 1 time step', got: `shape ${formatShape(inputs.shape)}` });
  if (!Array.isArray(args.initialStates) || args.initialStates.length === 0) {
    throw new ValueError({ op, argument: 'initialStates', expected: 'an array of at least one tensor [batch, size]', got: Array.isArray(args.initialStates) ? '[]' : typeof args.initialStates });
  }
  const stateShapes = args.initialStates.map((s, i) => {
    const t = checkTensor(op, `initialStates[${i}]`, s, 2, '[batch, size]');
    checkShape(op, `initialStates[${i}]`, t, [batch, t.shape[1] as number], '[batch, size]');
    return t.shape;
  });
  if (args.mask !== undefined) {
    checkShape(op, 'mask', checkTensor(op, 'mask', args.mask, 2, '[batch, time]', ['float32', 'int32', 'bool']), [batch, time], '[batch, time]');
  }
  for (const flag of ['goBackwards', 'returnSequences', 'zeroOutputForMask'] as const) checkBoolean(op, flag, args[flag]);
  const goBackwards = args.goBackwards ?? false;
  return tf.tidy(() => {
    const { outputs, states } = runTimeLoop({
      steps: unstackTime(inputs, goBackwards) as tf.Tensor2D[],
      stepMasks: splitMask(args.mask, goBackwards),
      initialStates: args.initialStates,
      step: args.step,
      returnSequences: args.returnSequences ?? false,
      zeroOutputForMask: args.zeroOutputForMask ?? true,
      checkStep: stepChecker(batch, stateShapes),
    });
    return { outputs, states };
  });
}

/** Checks each step's result against the batch, the first step's output width and the initial states' shapes. */
function stepChecker(batch: number, stateShapes: number[][]): (r: StepResult, t: number) => void {
  let outputWidth = -1;
  return (r, t) => {
    outputWidth = checkStepResult(r, t, batch, stateShapes, outputWidth);
  };
}

function checkStepResult(r: StepResult, t: number, batch: number, stateShapes: number[][], outputWidth: number): number {
  const op = 'rnnLoop';
  const where = `step result at time ${t}`;
  if (!r || !(r.output instanceof tf.Tensor) || !Array.isArray(r.states)) {
    throw new ValueError({ op, argument: where, expected: '{ output: Tensor, states: Tensor[] }', got: r === undefined ? 'undefined' : 'another value' });
  }
  if (r.output.rank !== 2 || r.output.shape[0] !== batch) {
    throw new ShapeError({ op, argument: `${where}: output`, expected: `shape [${batch}, n]`, got: `shape ${formatShape(r.output.shape)}` });
  }
  if (t > 0 && r.output.shape[1] !== outputWidth) {
    throw new ShapeError({ op, argument: `${where}: output`, expected: `shape [${batch}, ${outputWidth}] as at time 0`, got: `shape ${formatShape(r.output.shape)}` });
  }
  if (r.states.length !== stateShapes.length) {
    throw new ValueError({ op, argument: `${where}: states`, expected: `${stateShapes.length} tensors, as initialStates`, got: `${r.states.length}` });
  }
  r.states.forEach((s, i) => {
    if (!(s instanceof tf.Tensor) || s.shape.length !== 2 || s.shape[0] !== stateShapes[i][0] || s.shape[1] !== stateShapes[i][1]) {
      throw new ShapeError({ op, argument: `${where}: states[${i}]`, expected: `shape ${formatShape(stateShapes[i])} as initialStates[${i}]`, got: s instanceof tf.Tensor ? `shape ${formatShape(s.shape)}` : typeof s });
    }
  });
  return r.output.shape[1];
}
