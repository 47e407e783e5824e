// The SimpleRNN step's activation as fragment programs, with the mask folded in: one dispatch each way per step
// instead of activation, compare and select.
import type { GateProgramSpec } from './program-kernel.js';

/** z [B, U], h [B, U], m -> h' = act(z) (h on a masked row). */
export const SIMPLE_FORWARD: GateProgramSpec = {
  kernelName: 'RnnkitSimpleRnnActivation',
  inputs: ['z', 'h', 'm'],
  units: ([z]) => z![1]!,
  width: (U) => U,
  body: () => `
    setOutput(getM(b, 0) > 0.0 ? rnnkitAct(getZ(b, u)) : getH(b, u));`,
};

/** z, dh, m -> [B, 2U]: dz, dh skip. */
export const SIMPLE_BACKWARD: GateProgramSpec = {
  kernelName: 'RnnkitSimpleRnnActivationBackward',
  inputs: ['z', 'dh', 'm'],
  units: ([z]) => z![1]!,
  width: (U) => 2 * U,
  body: () => `
    bool real = getM(b, 0) > 0.0;
    float dh = getDh(b, u);
    setOutput(part == 0 ? (real ? dh * rnnkitActGrad(getZ(b, u)) : 0.0) : (real ? 0.0 : dh));`,
};
