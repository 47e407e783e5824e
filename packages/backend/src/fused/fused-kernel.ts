// Wraps the fused JavaScript passes as differentiable recurrent kernels: one tf.customGrad per sequence whose
// forward reads the tensors once and whose gradient runs backpropagation through time in one walk back.
import { tf } from '../tfjs.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { CellKind, RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs } from '../recurrent/types.js';
import { scalarActivation } from './activation-math.js';
import { giveBack, takeArray } from './buffer-pool.js';
import { gruForward } from './gru-fused.js';
import { lstmForward } from './lstm-fused.js';
import { engineMatMulProvider, jsMatMulProvider, type MatMulProvider } from './matmul.js';
import type { ForwardResult, SequenceData } from './sequence-data.js';
import { simpleRnnForward } from './simple-rnn-fused.js';

const forwards: Record<CellKind, (d: SequenceData, mm: MatMulProvider) => ForwardResult> = {
  lstm: lstmForward,
  gru: gruForward,
  simpleRNN: simpleRnnForward,
};

/** Whether the fused pass covers these arguments (activations whose derivative follows from their output). */
export function fusedKernelSupports(args: RnnSequenceArgs): boolean {
  const act = scalarActivation(args.activation ?? 'tanh');
  const ract = scalarActivation(args.recurrentActivation ?? 'sigmoid');
  return !!act && (args.cell === 'simpleRNN' || !!ract);
}

function readSequence(args: RnnSequenceArgs, ins: tf.Tensor[], save: boolean): SequenceData {
  const [B, T, F] = args.inputs.shape;
  const U = args.recurrentKernel.shape[0];
  const hasBias = !!args.bias;
  const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
  const xb = read(ins[0]);
  const inputDropout = args.inputDropoutMask ? read(args.inputDropoutMask) : undefined;
  // Time-major copy ([T*B, F]) with the input dropout applied.
  const x = takeArray(B * T * F, false);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const from = (b * T + t) * F, to = (t * B + b) * F;
      if (inputDropout) for (let f = 0; f < F; f++) x[to + f] = xb[from + f] * inputDropout[b * F + f];
      else x.set(xb.subarray(from, from + F), to);
    }
  }
  const mask = args.mask ? Uint8Array.from(args.mask.dataSync() as ArrayLike<number>, (v) => (v !== 0 ? 1 : 0)) : undefined;
  return {
    B, T, F, U, x, inputDropout, mask,
    recurrentDropout: args.recurrentDropoutMask ? read(args.recurrentDropoutMask) : undefined,
    kernel: read(ins[1]),
    recurrentKernel: read(ins[2]),
    bias: hasBias ? read(ins[3]) : undefined,
    initialState: ins.slice(hasBias ? 4 : 3).map(read),
    goBackwards: !!args.goBackwards,
    returnSequences: !!args.returnSequences,
    zeroOutputForMask: args.zeroOutputForMask ?? true,
    act: scalarActivation(args.activation ?? 'tanh')!,
    ract: scalarActivation(args.recurrentActivation ?? 'sigmoid') ?? scalarActivation('sigmoid')!,
    resetAfter: args.resetAfter ?? true,
    saveForBackward: save,
  };
}

/** A fused kernel for one cell whose matrix products go through `mm`. Unsupported arguments run the reference. */
export function createFusedKernel(cell: CellKind, mm: MatMulProvider): RecurrentKernel {
  return (args) => {
    if (!fusedKernelSupports(args)) return referenceRnnSequence(args);
    const [B, T] = args.inputs.shape;
    const U = args.recurrentKernel.shape[0];
    const To = args.returnSequences ? T : 1;
    const S = args.initialState.length;
    const tensors: tf.Tensor[] = [args.inputs, args.kernel, args.recurrentKernel, ...(args.bias ? [args.bias] : []), ...args.initialState];
    const save = isRecordingGradients();
    // customGrad has one output, so outputs and final states travel packed in one flat array, [outputs | h | c]:
    // every piece is then a contiguous 1-D slice (tfjs-cpu copies strided slices element by element).
    const outSize = B * To * U;
    const stateSize = B * U;
    const run = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const ins = all.slice(0, tensors.length) as tf.Tensor[];
      const data = readSequence(args, ins, save);
      const fwd = (!save && mm.sequenceInference?.(cell, data)) || forwards[cell](data, mm);
      const packed = new Float32Array(outSize + S * stateSize);
      packed.set(fwd.outputs.subarray(0, outSize));
      fwd.states.forEach((st, k) => packed.set(st.subarray(0, stateSize), outSize + k * stateSize));
      giveBack(fwd.outputs);
      if (!fwd.backward) giveBack(data.x);
      let used = false;
      const gradFunc = (dy: tf.Tensor) => {
        if (!fwd.backward) throw new Error(`fused ${cell} kernel: gradients requested for a pass run without a gradient tape`);
        // The pass's saved arrays go back to the pool after its one backward walk.
        if (used) throw new Error(`fused ${cell} kernel: the gradient of one forward pass was requested twice`);
        used = true;
        const g = dy.dataSync() as Float32Array;
        const dOut = g.slice(0, outSize);
        const dStates = fwd.states.map((_, k) => g.slice(outSize + k * stateSize, outSize + (k + 1) * stateSize));
        const grads = fwd.backward(dOut, dStates).map((arr, i) => tf.tensor(arr, ins[i].shape, 'float32'));
        giveBack(data.x);
        return grads;
      };
      return { value: tf.tensor1d(packed), gradFunc };
    });
    const [outputs, ...states] = tf.tidy(() => {
      const packed = run(...tensors) as tf.Tensor1D;
      const seq = tf.slice(packed, 0, outSize);
      const out = tf.reshape(seq, args.returnSequences ? [B, To, U] : [B, U]);
      return [out, ...args.initialState.map((_, k) => tf.reshape(tf.slice(packed, outSize + k * stateSize, stateSize), [B, U]))];
    });
    return { outputs, states: states as tf.Tensor2D[] };
  };
}

/**
 * Fused recurrent kernels for an adapter: 'javascript' does the matrix products in plain JS (the cpu backend's
 * own matMul is JavaScript too, so this only removes per-op overhead); 'engine' sends them to the active tfjs
 * backend's matMul (wasm: XNNPACK) and keeps only the elementwise cell math in JavaScript; an adapter may pass its
 * own provider (products and vector activations, e.g. rnnkit's WebAssembly SIMD module).
 */
export function fusedRecurrentKernels(matMul: 'javascript' | 'engine' | MatMulProvider): RecurrentKernelSet {
  const mm = matMul === 'javascript' ? jsMatMulProvider : matMul === 'engine' ? engineMatMulProvider : matMul;
  return { lstm: createFusedKernel('lstm', mm), gru: createFusedKernel('gru', mm), simpleRNN: createFusedKernel('simpleRNN', mm) };
}
