// The LSTM step's elementwise half as two fragment programs (gates i, f, c, o, the cell and the output), one
// dispatch each way per time step. Shapes and outputs are GateOps' (see @rnnkit/backend's GateOps).
import type { GateProgramSpec } from './program-kernel.js';

// The four gates of unit u in batch row b, activated, with their derivatives.
const GATES = (U: number) => `
    float zi = getZ(b, u), zf = getZ(b, u + ${U}), zg = getZ(b, u + ${2 * U}), zo = getZ(b, u + ${3 * U});
    float gi = rnnkitGate(zi), gf = rnnkitGate(zf), gg = rnnkitAct(zg), go = rnnkitGate(zo);`;

/** z [B, 4U], c, h [B, U], m [B, 1] -> [2B, U]: h' rows, then c' rows (a masked row keeps h and c). */
export const LSTM_FORWARD: GateProgramSpec = {
  kernelName: 'RnnkitLstmGates',
  inputs: ['z', 'c', 'h', 'm'],
  units: ([, c]) => c![1]!,
  width: (U) => 2 * U,
  layout: 'rows',
  body: (U) => `${GATES(U)}
    float cp = getC(b, u);
    bool real = getM(b, 0) > 0.0;
    float cn = gf * cp + gi * gg;
    if (part == 0) setOutput(real ? go * rnnkitAct(cn) : getH(b, u));
    else setOutput(real ? cn : cp);`,
};

/** z, cp, dh, dc, m -> [B, 6U]: dz (i, f, c, o), dc_prev, dh skip. */
export const LSTM_BACKWARD: GateProgramSpec = {
  kernelName: 'RnnkitLstmGatesBackward',
  inputs: ['z', 'cp', 'dh', 'dc', 'm'],
  units: ([, cp]) => cp![1]!,
  width: (U) => 6 * U,
  body: (U) => `${GATES(U)}
    float cp = getCp(b, u);
    float cn = gf * cp + gi * gg;
    float dh = getDh(b, u);
    float dc = getDc(b, u);
    float dcn = dc + dh * go * rnnkitActGrad(cn);
    float r;
    if (getM(b, 0) <= 0.0) r = part == 4 ? dc : part == 5 ? dh : 0.0;
    else if (part == 0) r = dcn * gg * rnnkitGateGrad(zi);
    else if (part == 1) r = dcn * cp * rnnkitGateGrad(zf);
    else if (part == 2) r = dcn * gi * rnnkitActGrad(zg);
    else if (part == 3) r = dh * rnnkitAct(cn) * rnnkitGateGrad(zo);
    else if (part == 4) r = dcn * gf;
    else r = 0.0;
    setOutput(r);`,
};
