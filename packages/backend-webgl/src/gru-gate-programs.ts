// The GRU step's elementwise half as fragment programs: with resetAfter one program each way per step; with the
// reset gate before the product (resetAfter false) two each way, around the candidate's own recurrent matMul.
// Shapes and outputs are GateOps' (see @rnnkit/backend's GateOps).
import type { GateProgramSpec } from './program-kernel.js';

const unitsOfH = (shapes: number[][]) => shapes[2]![1]!;

// resetAfter: gates z, r and the candidate of unit u in row b; hz holds h·R + the recurrent bias.
const AFTER = (U: number) => `
    float az = getXz(b, u) + getHz(b, u);
    float ar = getXz(b, u + ${U}) + getHz(b, u + ${U});
    float hzh = getHz(b, u + ${2 * U});
    float gz = rnnkitGate(az), gr = rnnkitGate(ar);
    float ah = getXz(b, u + ${2 * U}) + gr * hzh;
    float hh = rnnkitAct(ah);
    float hp = getH(b, u);`;

/** xz, hz [B, 3U], h [B, U], m -> h'. */
export const GRU_FORWARD: GateProgramSpec = {
  kernelName: 'RnnkitGruGates',
  inputs: ['xz', 'hz', 'h', 'm'],
  units: unitsOfH,
  width: (U) => U,
  body: (U) => `${AFTER(U)}
    setOutput(getM(b, 0) > 0.0 ? hh + gz * (hp - hh) : hp);`,
};

/** xz, hz, h, dh, m -> [B, 7U]: d xz (z, r, h), d hz (z, r, h), dh skip. */
export const GRU_BACKWARD: GateProgramSpec = {
  kernelName: 'RnnkitGruGatesBackward',
  inputs: ['xz', 'hz', 'h', 'dh', 'm'],
  units: unitsOfH,
  width: (U) => 7 * U,
  body: (U) => `${AFTER(U)}
    float dh = getDh(b, u);
    float dz = dh * (hp - hh) * rnnkitGateGrad(az);
    float dhh = dh * (1.0 - gz) * rnnkitActGrad(ah);
    float dr = dhh * hzh * rnnkitGateGrad(ar);
    float r;
    if (getM(b, 0) <= 0.0) r = part == 6 ? dh : 0.0;
    else if (part == 0 || part == 3) r = dz;
    else if (part == 1 || part == 4) r = dr;
    else if (part == 2) r = dhh;
    else if (part == 5) r = dhh * gr;
    else r = dh * gz;
    setOutput(r);`,
};

/** resetAfter false: xz [B, 3U], hzr = hIn·R_zr [B, 2U], hIn [B, U] -> r*hIn. */
export const GRU_RESET_GATE: GateProgramSpec = {
  kernelName: 'RnnkitGruResetGate',
  inputs: ['xz', 'hzr', 'hIn'],
  units: unitsOfH,
  width: (U) => U,
  body: (U) => `
    setOutput(rnnkitGate(getXz(b, u + ${U}) + getHzr(b, u + ${U})) * getHIn(b, u));`,
};

// resetAfter false: the update gate and the candidate (hzh = (r*hIn)·R_h).
const BEFORE = (U: number) => `
    float az = getXz(b, u) + getHzr(b, u);
    float ah = getXz(b, u + ${2 * U}) + getHzh(b, u);
    float gz = rnnkitGate(az), hh = rnnkitAct(ah);
    float hp = getH(b, u);`;

/** xz, hzr, hzh [B, U], h, m -> h'. */
export const GRU_FORWARD_RESET_BEFORE: GateProgramSpec = {
  kernelName: 'RnnkitGruGatesResetBefore',
  inputs: ['xz', 'hzr', 'hzh', 'h', 'm'],
  units: ([, , hzh]) => hzh![1]!,
  width: (U) => U,
  body: (U) => `${BEFORE(U)}
    setOutput(getM(b, 0) > 0.0 ? hh + gz * (hp - hh) : hp);`,
};

/** xz, hzr, hzh, h, dh, m -> [B, 3U]: d xz_z, d xz_h, dh skip. */
export const GRU_BACKWARD_RESET_BEFORE: GateProgramSpec = {
  kernelName: 'RnnkitGruGatesResetBeforeBackward',
  inputs: ['xz', 'hzr', 'hzh', 'h', 'dh', 'm'],
  units: ([, , hzh]) => hzh![1]!,
  width: (U) => 3 * U,
  body: (U) => `${BEFORE(U)}
    float dh = getDh(b, u);
    float r;
    if (getM(b, 0) <= 0.0) r = part == 2 ? dh : 0.0;
    else if (part == 0) r = dh * (hp - hh) * rnnkitGateGrad(az);
    else if (part == 1) r = dh * (1.0 - gz) * rnnkitActGrad(ah);
    else r = dh * gz;
    setOutput(r);`,
};

/** xz, hzr, hIn, drh [B, U], back [B, 3U] -> [B, 4U]: d xz (z, r, h), drh*r. */
export const GRU_RESET_GATE_BACKWARD: GateProgramSpec = {
  kernelName: 'RnnkitGruResetGateBackward',
  inputs: ['xz', 'hzr', 'hIn', 'drh', 'back'],
  units: unitsOfH,
  width: (U) => 4 * U,
  body: (U) => `
    float ar = getXz(b, u + ${U}) + getHzr(b, u + ${U});
    float drh = getDrh(b, u);
    float r;
    if (part == 0) r = getBack(b, u);
    else if (part == 1) r = drh * getHIn(b, u) * rnnkitGateGrad(ar);
    else if (part == 2) r = getBack(b, u + ${U});
    else r = drh * rnnkitGate(ar);
    setOutput(r);`,
};
