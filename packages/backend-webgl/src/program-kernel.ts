// A WebGL fragment program as a tfjs kernel of the webgl backend: tfjs compiles it (cached per shape and source),
// binds the inputs' textures and tracks the output tensor like any op's.
import { tf } from '@rnnkit/backend';
import type { GateActivations } from '@rnnkit/backend';
import { activationGlsl } from './activation-glsl.js';

export interface GpgpuProgram { variableNames: string[]; outputShape: number[]; userCode: string }
interface WebglBackend { runWebGLProgram(program: GpgpuProgram, inputs: tf.TensorInfo[], dtype: 'float32'): tf.TensorInfo }

/**
 * One gate program: inputs by name (the program's variables, in order; all [B, ·]), its output width and body
 * for U units. The body runs with `b` (batch row), `part` (which U-wide block of the output) and `u` (the unit in
 * it) set, and the activations' GLSL defined.
 */
export interface GateProgramSpec {
  kernelName: string;
  inputs: string[];
  /** U from the inputs' shapes, in `inputs` order. */
  units(shapes: number[][]): number;
  /** Output columns, a multiple of U. */
  width(U: number): number;
  /**
   * 'rows': the parts are stacked as row blocks ([parts·B, U]) instead of side by side ([B, parts·U]), so each part
   * is a contiguous slice that tfjs takes without a program (it copies a column slice with one).
   */
  layout?: 'columns' | 'rows';
  body(U: number): string;
}

export function gateProgram(spec: GateProgramSpec, shapes: number[][], acts: GateActivations): GpgpuProgram {
  const U = spec.units(shapes);
  const B = shapes[0]![0]!;
  const rows = spec.layout === 'rows';
  const coords = rows
    ? `int part = rc.x / ${B};
    int b = rc.x - part * ${B};
    int u = rc.y;`
    : `int b = rc.x;
    int part = rc.y / ${U};
    int u = rc.y - part * ${U};`;
  return {
    variableNames: spec.inputs,
    outputShape: rows ? [(spec.width(U) / U) * B, U] : [B, spec.width(U)],
    userCode: `${activationGlsl(acts)}
  void main() {
    ivec2 rc = getOutputCoords();
    ${coords}
    ${spec.body(U)}
  }`,
  };
}

/** Registers the spec as a webgl kernel (once); attrs carry the activations. */
export function registerGateProgram(spec: GateProgramSpec): void {
  if (tf.getKernel(spec.kernelName, 'webgl')) return;
  tf.registerKernel({
    kernelName: spec.kernelName,
    backendName: 'webgl',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const ordered = spec.inputs.map((name) => {
        const input = inputs[name];
        if (!input) throw new Error(`${spec.kernelName}: input '${name}' is missing (expected ${spec.inputs.join(', ')}; got ${Object.keys(inputs).join(', ') || 'none'})`);
        return input;
      });
      const acts = attrs as unknown as GateActivations;
      return (backend as unknown as WebglBackend).runWebGLProgram(gateProgram(spec, ordered.map((t) => t.shape), acts), ordered, 'float32');
    },
  });
}

/** Runs a registered gate program on tensors (inputs by name). */
export function runGateProgram(kernelName: string, inputs: Record<string, tf.Tensor>, acts: GateActivations): tf.Tensor2D {
  return tf.engine().runKernel(kernelName, inputs, { activation: acts.activation, recurrentActivation: acts.recurrentActivation }) as tf.Tensor2D;
}
