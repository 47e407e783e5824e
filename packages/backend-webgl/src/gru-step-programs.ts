// The GRU (resetAfter) step operations as WebGL fragment programs: one dispatch for a step's forward and one for
// its backward, registered as tfjs kernels of the webgl backend.
import { tf } from '@rnnkit/backend';
import type { GruStepOps } from './gru-step-ops.js';
import { GATE_MATH, registerProgramKernel, type GpgpuProgram } from './program-kernel.js';

export const GRU_STEP_FORWARD = 'RnnkitGruStepForward';
export const GRU_STEP_BACKWARD = 'RnnkitGruStepBackward';

// Gates z, r and the candidate hh of unit u in batch row b.
const GATES = (U: number) => `
    float hzh = getHz(b, u + ${2 * U});
    float gz = rnnkitSigmoid(getXz(b, u) + getHz(b, u));
    float gr = rnnkitSigmoid(getXz(b, u + ${U}) + getHz(b, u + ${U}));
    float hh = rnnkitTanh(getXz(b, u + ${2 * U}) + gr * hzh);
    float hp = getH(b, u);`;

function forwardProgram(B: number, U: number): GpgpuProgram {
  return {
    variableNames: ['xz', 'hz', 'h', 'm'],
    outputShape: [B, U],
    userCode: `${GATE_MATH}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int u = rc.y;
    ${GATES(U)}
    setOutput(getM(b, 0) > 0.0 ? gz * hp + (1.0 - gz) * hh : hp);
  }`,
  };
}

/** [B, 7U]: d xz (z, r, h), d hz (z, r, h), dh·z (dh itself, and zeros before it, on a masked row). */
function backwardProgram(B: number, U: number): GpgpuProgram {
  return {
    variableNames: ['xz', 'hz', 'h', 'dh', 'm'],
    outputShape: [B, 7 * U],
    userCode: `${GATE_MATH}
  void main() {
    ivec2 rc = getOutputCoords();
    int b = rc.x;
    int part = rc.y / ${U};
    int u = rc.y - part * ${U};
    ${GATES(U)}
    float dh = getDh(b, u);
    float dz = dh * (hp - hh) * gz * (1.0 - gz);
    float dhh = dh * (1.0 - gz) * (1.0 - hh * hh);
    float dr = dhh * hzh * gr * (1.0 - gr);
    float r;
    if (getM(b, 0) <= 0.0) r = part == 6 ? dh : 0.0;
    else if (part == 0 || part == 3) r = dz;
    else if (part == 1 || part == 4) r = dr;
    else if (part == 2) r = dhh;
    else if (part == 5) r = dhh * gr;
    else r = dh * gz;
    setOutput(r);
  }`,
  };
}

/** Registers both programs as webgl kernels (once; call after tfjs' webgl backend is loaded). */
export function registerGruStepPrograms(): void {
  registerProgramKernel(GRU_STEP_FORWARD, ['xz', 'hz', 'h', 'm'], ([, , h]) => forwardProgram(h!.shape[0]!, h!.shape[1]!));
  registerProgramKernel(GRU_STEP_BACKWARD, ['xz', 'hz', 'h', 'dh', 'm'], ([, , h]) => backwardProgram(h!.shape[0]!, h!.shape[1]!));
}

/** The step operations on the registered programs: one dispatch each. */
export const webglGruStepOps: GruStepOps = {
  forward: (xz, hz, h, m) => tf.engine().runKernel(GRU_STEP_FORWARD, { xz, hz, h, m }, {}) as tf.Tensor2D,
  backward: (xz, hz, h, dh, m) => tf.engine().runKernel(GRU_STEP_BACKWARD, { xz, hz, h, dh, m }, {}) as tf.Tensor2D,
};
