// The LSTM step operations as WebGL fragment programs: one dispatch for a step's forward (all four gates, the
// cell and the output) and one for its backward, registered as tfjs kernels of the webgl backend.
import { tf } from '@rnnkit/backend';
import type { LstmStepOps } from './lstm-step-ops.js';
import { GATE_MATH, registerProgramKernel, type GpgpuProgram } from './program-kernel.js';

export const LSTM_STEP_FORWARD = 'RnnkitLstmStepForward';
export const LSTM_STEP_BACKWARD = 'RnnkitLstmStepBackward';

// The four gates of unit u in batch row b, activated.
const GATES = (U: number) => `
    float gi = rnnkitSigmoid(getZ(b, u));
    float gf = rnnkitSigmoid(getZ(b, u + ${U}));
    float gg = rnnkitTanh(getZ(b, u + ${2 * U}));
    float go = rnnkitSigmoid(getZ(b, u + ${3 * U}));`;

/** [B, 2U]: h_new in columns [0, U), c_new in [U, 2U); a masked row (m = 0) keeps h and c. */
function forwardProgram(B: number, U: number): GpgpuProgram {
  return {
    variableNames: ['z', 'c', 'h', 'm'],
    outputShape: [B, 2 * U],
    userCode: `${GATE_MATH}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int u = rc.y < ${U} ? rc.y : rc.y - ${U};
    ${GATES(U)}
    float cp = getC(b, u);
    bool real = getM(b, 0) > 0.0;
    float cn = gf * cp + gi * gg;
    if (rc.y < ${U}) setOutput(real ? go * rnnkitTanh(cn) : getH(b, u));
    else setOutput(real ? cn : cp);
  }`,
  };
}

/** [B, 6U]: dz for gates i, f, c, o (U columns each), dc_prev, and dh carried past a masked row. */
function backwardProgram(B: number, U: number): GpgpuProgram {
  return {
    variableNames: ['z', 'cp', 'dh', 'dc', 'm'],
    outputShape: [B, 6 * U],
    userCode: `${GATE_MATH}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int gate = rc.y / ${U};
    int u = rc.y - gate * ${U};
    ${GATES(U)}
    float cp = getCp(b, u);
    float tc = rnnkitTanh(gf * cp + gi * gg);
    float dh = getDh(b, u);
    float dc = getDc(b, u);
    float dcn = dc + dh * go * (1.0 - tc * tc);
    float r;
    if (getM(b, 0) <= 0.0) r = gate == 4 ? dc : gate == 5 ? dh : 0.0;
    else if (gate == 0) r = dcn * gg * gi * (1.0 - gi);
    else if (gate == 1) r = dcn * cp * gf * (1.0 - gf);
    else if (gate == 2) r = dcn * gi * (1.0 - gg * gg);
    else if (gate == 3) r = dh * tc * go * (1.0 - go);
    else if (gate == 4) r = dcn * gf;
    else r = 0.0;
    setOutput(r);
  }`,
  };
}

/** Registers both programs as webgl kernels (once; call after tfjs' webgl backend is loaded). */
export function registerLstmStepPrograms(): void {
  registerProgramKernel(LSTM_STEP_FORWARD, ['z', 'c', 'h', 'm'], ([, c]) => forwardProgram(c!.shape[0]!, c!.shape[1]!));
  registerProgramKernel(LSTM_STEP_BACKWARD, ['z', 'cp', 'dh', 'dc', 'm'], ([, cp]) => backwardProgram(cp!.shape[0]!, cp!.shape[1]!));
}

/** The step operations on the registered programs: one dispatch each. */
export const webglLstmStepOps: LstmStepOps = {
  forward: (z, c, h, m) => tf.engine().runKernel(LSTM_STEP_FORWARD, { z, c, h, m }, {}) as tf.Tensor2D,
  backward: (z, cp, dh, dc, m) => tf.engine().runKernel(LSTM_STEP_BACKWARD, { z, cp, dh, dc, m }, {}) as tf.Tensor2D,
};
