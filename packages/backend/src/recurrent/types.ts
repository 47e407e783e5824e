import type { tf } from '../tfjs.js';

type Tensor = tf.Tensor;
type Tensor2D = tf.Tensor2D;
type Tensor3D = tf.Tensor3D;

/** The three recurrent cells rnnkit runs over time. Gate layout is Keras': LSTM i,f,c,o; GRU z,r,h. */
export type CellKind = 'simpleRNN' | 'lstm' | 'gru';

/** Activation names with tfjs-layers' meanings ('hardSigmoid' is clip(0.2x + 0.5, 0, 1)). */
export type ActivationName =
  | 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'relu6' | 'linear' | 'elu' | 'selu'
  | 'softsign' | 'softplus' | 'swish' | 'mish' | 'gelu';

/**
 * One recurrent layer's pass over a whole sequence. Every tensor is float32.
 * Shapes (B batch, T time, F features, U units, G gates: 1 simpleRNN, 4 lstm, 3 gru):
 *  - inputs           [B, T, F]
 *  - kernel           [F, G*U]
 *  - recurrentKernel  [U, G*U]
 *  - bias             [G*U], or [2, 3*U] for a GRU with resetAfter (input bias row, recurrent bias row); optional
 *  - initialState     [h] or, for lstm, [h, c]; each [B, U]
 *  - mask             [B, T], 1 for a real step, 0 for padding (float32, int32 or bool; nonzero = real); optional
 *  - inputDropoutMask [B, F], multiplied into every step's input (already scaled by 1/(1-rate)); optional
 *  - recurrentDropoutMask [B, U], multiplied into h before the recurrent matMul; optional
 */
export interface RnnSequenceArgs {
  cell: CellKind;
  inputs: Tensor3D;
  kernel: Tensor2D;
  recurrentKernel: Tensor2D;
  bias?: Tensor;
  initialState: Tensor2D[];
  mask?: Tensor2D;
  /** Run from the last step to the first (mask and dropout follow the same steps). */
  goBackwards?: boolean;
  /** Output activation (simpleRNN: the only one). Default 'tanh'. */
  activation?: ActivationName;
  /** Gate activation for lstm/gru. Default 'sigmoid'. */
  recurrentActivation?: ActivationName;
  /** GRU only: apply the reset gate after the recurrent matMul (Keras 2+/3 default true). */
  resetAfter?: boolean;
  /** When true, `outputs` is [B, T, U]; otherwise the last output [B, U]. */
  returnSequences?: boolean;
  /**
   * At a masked step the state is carried forward. With returnSequences, the output emitted there is zeros when
   * true (default), else the previous real output (zeros before the first). Without returnSequences the result is
   * always the last real step's output (Keras: zero_output_for_mask only affects returned sequences).
   * Note: Keras' and tfjs-layers' recurrent layers default to false (previous output); Keras' Bidirectional with
   * return_sequences uses true. Layers mirroring them pass it explicitly.
   */
  zeroOutputForMask?: boolean;
  inputDropoutMask?: Tensor2D;
  recurrentDropoutMask?: Tensor2D;
}

export interface RnnSequenceResult {
  /**
   * [B, T, U] with returnSequences, else the last output [B, U]. With goBackwards the sequence is in processing
   * order, i.e. reversed, exactly as Keras returns it (Bidirectional reverses it back).
   */
  outputs: Tensor;
  /** Final states: [h] or, for lstm, [h, c]. */
  states: Tensor2D[];
}

/**
 * A whole-sequence recurrent kernel. Differentiable with respect to inputs, kernel, recurrentKernel, bias and
 * initialState (compose tfjs ops, or wrap a fused forward in tf.customGrad). rnnSequence validates the arguments
 * before calling an adapter's kernel (`validateRnnSequenceArgs` gives the sizes) and checks the result's shapes;
 * the conformance suite holds it to the reference, values and gradients.
 */
export type RecurrentKernel = (args: RnnSequenceArgs) => RnnSequenceResult;

/** Faster implementations an adapter may provide; any it leaves out fall back to the reference. */
export type RecurrentKernelSet = Partial<Record<CellKind, RecurrentKernel>>;
