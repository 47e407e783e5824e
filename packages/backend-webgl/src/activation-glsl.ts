// The activations the gate programs apply, as GLSL: each with its derivative from the pre-activation, at the
// kinks matching tfjs' own gradients (the reference kernel is differentiated by tfjs). WebGL 1 has no tanh, and
// exp(-2|x|) never overflows.
import { TENSOR_FUSED_ACTIVATIONS } from '@rnnkit/backend';
import type { ActivationName, GateActivations } from '@rnnkit/backend';

const GLSL: Partial<Record<ActivationName, [value: string, derivative: string]>> = {
  tanh: ['rnnkitTanh(x)', '1.0 - rnnkitTanh(x) * rnnkitTanh(x)'],
  sigmoid: ['1.0 / (1.0 + exp(-x))', '(1.0 / (1.0 + exp(-x))) * (1.0 - 1.0 / (1.0 + exp(-x)))'],
  hardSigmoid: ['clamp(0.2 * x + 0.5, 0.0, 1.0)', '(0.2 * x + 0.5 >= 0.0 && 0.2 * x + 0.5 <= 1.0) ? 0.2 : 0.0'],
  relu: ['max(x, 0.0)', 'x > 0.0 ? 1.0 : 0.0'],
  relu6: ['clamp(x, 0.0, 6.0)', '(x > 0.0 && x <= 6.0) ? 1.0 : 0.0'],
  linear: ['x', '1.0'],
};

/** Whether the programs implement this activation (the same list as the tfjs-op gate operations). */
export function glslSupports(name: ActivationName): boolean {
  return TENSOR_FUSED_ACTIVATIONS.includes(name) && name in GLSL;
}

function define(fn: string, name: ActivationName, role: string): string {
  const code = GLSL[name];
  if (!code) throw new Error(`webgl gate programs: ${role} must be one of ${Object.keys(GLSL).join(', ')}, got '${name}'`);
  return `
  float ${fn}(float x) { return ${code[0]}; }
  float ${fn}Grad(float x) { return ${code[1]}; }`;
}

/** rnnkitAct/rnnkitActGrad (the output/candidate activation) and rnnkitGate/rnnkitGateGrad (the gates). */
export function activationGlsl(a: GateActivations): string {
  return `
  float rnnkitTanh(float x) {
    float e = exp(-2.0 * abs(x));
    float t = (1.0 - e) / (1.0 + e);
    return x < 0.0 ? -t : t;
  }${define('rnnkitAct', a.activation, 'activation')}${define('rnnkitGate', a.recurrentActivation, 'recurrentActivation')}`;
}
