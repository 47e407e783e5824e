// @rnnkit/backend's GateOps on the registered fragment programs: each gate operation of a time step is one
// dispatch, so the tensor-fused kernels run a step as one recurrent matMul and one program each way.
import type { GateActivations, GateOps, tf } from '@rnnkit/backend';
import { glslSupports } from './activation-glsl.js';
import {
  GRU_BACKWARD, GRU_BACKWARD_RESET_BEFORE, GRU_FORWARD, GRU_FORWARD_RESET_BEFORE, GRU_RESET_GATE, GRU_RESET_GATE_BACKWARD,
} from './gru-gate-programs.js';
import { LSTM_BACKWARD, LSTM_FORWARD } from './lstm-gate-programs.js';
import { registerGateProgram, runGateProgram, type GateProgramSpec } from './program-kernel.js';
import { SIMPLE_BACKWARD, SIMPLE_FORWARD } from './simple-rnn-gate-programs.js';

export const GATE_PROGRAMS: readonly GateProgramSpec[] = [
  LSTM_FORWARD, LSTM_BACKWARD,
  GRU_FORWARD, GRU_BACKWARD, GRU_RESET_GATE, GRU_FORWARD_RESET_BEFORE, GRU_BACKWARD_RESET_BEFORE, GRU_RESET_GATE_BACKWARD,
  SIMPLE_FORWARD, SIMPLE_BACKWARD,
];

/** Registers every gate program as a webgl kernel (once; call after tfjs' webgl backend is loaded). */
export function registerGatePrograms(): void {
  for (const spec of GATE_PROGRAMS) registerGateProgram(spec);
}

const run = (spec: GateProgramSpec, tensors: tf.Tensor[], acts: GateActivations) =>
  runGateProgram(spec.kernelName, Object.fromEntries(spec.inputs.map((name, i) => [name, tensors[i]!])), acts);

export const webglGateOps: GateOps = {
  supports: (a) => glslSupports(a.activation) && glslSupports(a.recurrentActivation),
  lstmForward: (z, c, h, m, a) => run(LSTM_FORWARD, [z, c, h, m], a),
  lstmBackward: (z, cp, dh, dc, m, a) => run(LSTM_BACKWARD, [z, cp, dh, dc, m], a),
  gruForward: (xz, hz, h, m, a) => run(GRU_FORWARD, [xz, hz, h, m], a),
  gruBackward: (xz, hz, h, dh, m, a) => run(GRU_BACKWARD, [xz, hz, h, dh, m], a),
  gruResetGate: (xz, hzr, hIn, a) => run(GRU_RESET_GATE, [xz, hzr, hIn], a),
  gruForwardResetBefore: (xz, hzr, hzh, h, m, a) => run(GRU_FORWARD_RESET_BEFORE, [xz, hzr, hzh, h, m], a),
  gruBackwardResetBefore: (xz, hzr, hzh, h, dh, m, a) => run(GRU_BACKWARD_RESET_BEFORE, [xz, hzr, hzh, h, dh, m], a),
  gruResetGateBackward: (xz, hzr, hIn, drh, back, a) => run(GRU_RESET_GATE_BACKWARD, [xz, hzr, hIn, drh, back], a),
  simpleForward: (z, h, m, a) => run(SIMPLE_FORWARD, [z, h, m], a),
  simpleBackward: (z, dh, m, a) => run(SIMPLE_BACKWARD, [z, dh, m], a),
};
