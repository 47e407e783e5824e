// A WebGL fragment program as a tfjs kernel of the webgl backend: tfjs compiles it (cached per shape), binds the
// inputs' textures and tracks the output tensor like any op's.
import { tf } from '@rnnkit/backend';

export interface GpgpuProgram { variableNames: string[]; outputShape: number[]; userCode: string }
interface WebglBackend { runWebGLProgram(program: GpgpuProgram, inputs: tf.TensorInfo[], dtype: 'float32'): tf.TensorInfo }

/**
 * Registers `kernelName` for webgl (once): its inputs are named `variableNames` (the program's own names, in
 * order), and `program` builds the program for them.
 */
export function registerProgramKernel(kernelName: string, variableNames: string[], program: (inputs: tf.TensorInfo[]) => GpgpuProgram): void {
  if (tf.getKernel(kernelName, 'webgl')) return;
  tf.registerKernel({
    kernelName,
    backendName: 'webgl',
    kernelFunc: ({ inputs, backend }) => {
      const ordered = variableNames.map((name) => {
        const input = inputs[name];
        if (!input) throw new Error(`${kernelName}: input '${name}' is missing (got ${Object.keys(inputs).join(', ') || 'none'})`);
        return input;
      });
      return (backend as unknown as WebglBackend).runWebGLProgram(program(ordered), ordered, 'float32');
    },
  });
}

// Gate activations (WebGL 1 has no tanh; exp(-2|x|) never overflows), shared by the cells' programs.
export const GATE_MATH = `
  float rnnkitSigmoid(float x) { return 1.0 / (1.0 + exp(-x)); }
  float rnnkitTanh(float x) {
    float e = exp(-2.0 * abs(x));
    float t = (1.0 - e) / (1.0 + e);
    return x < 0.0 ? -t : t;
  }`;
