// SimpleRNN, LSTM and GRU layers: weights in Keras layout; the pass over time is @rnnkit/backend's rnnSequence,
// where an adapter's fused kernel takes over. Layers never unroll time themselves.
import { CELL_GATES, rnnSequence, tf, type ActivationName, type CellKind } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializers.js';
import type { Regularizer } from '../initializers/regularizers.js';
import { BASE_KEYS, checkInput, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';
import type { LayerWeight } from '../engine/layer-weight.js';
import { kerasActivation } from '../io/serialization-names.js';

export interface RecurrentConfig extends BaseLayerConfig {
  units: number;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  useBias?: boolean;
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  stateful?: boolean;
  dropout?: number;
  recurrentDropout?: number;
  kernelInitializer?: InitializerSpec;
  recurrentInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: Regularizer;
  recurrentRegularizer?: Regularizer;
  biasRegularizer?: Regularizer;
  /** LSTM: forget-gate bias starts at 1 (Keras default true). */
  unitForgetBias?: boolean;
  /** GRU: reset gate after the recurrent matMul (Keras 2+/3 default true). */
  resetAfter?: boolean;
  /**
   * At a masked step, emit zeros (true) or the previous output (false, Keras' default for these layers) in the
   * returned sequence. Bidirectional sets true, as Keras does.
   */
  zeroOutputForMask?: boolean;
  seed?: number;
}

const COMMON = [...BASE_KEYS, 'units', 'activation', 'useBias', 'returnSequences', 'returnState', 'goBackwards', 'stateful', 'dropout',
  'recurrentDropout', 'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'kernelRegularizer', 'recurrentRegularizer',
  'biasRegularizer', 'zeroOutputForMask', 'seed'];
const KEYS: Record<CellKind, string[]> = {
  simpleRNN: COMMON,
  lstm: [...COMMON, 'recurrentActivation', 'unitForgetBias'],
  gru: [...COMMON, 'recurrentActivation', 'resetAfter'],
};
const CLASS: Record<CellKind, string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

export class RecurrentLayer extends Layer {
  readonly className: string;
  kernel?: LayerWeight;
  recurrentKernel?: LayerWeight;
  bias?: LayerWeight;
  private states: tf.Tensor2D[] | null = null;

  constructor(readonly cell: CellKind, readonly config: RecurrentConfig) {
    super(config, CLASS[cell]);
    this.className = CLASS[cell];
    const where = cell === 'simpleRNN' ? 'simpleRNN' : cell;
    checkConfigKeys(where, config, KEYS[cell]);
    if (!Number.isInteger(config.units) || config.units <= 0) throw new LayerError(`${where}: units must be a positive integer, got ${config.units}`);
    for (const k of ['dropout', 'recurrentDropout'] as const) {
      const v = config[k] ?? 0;
      if (!(v >= 0 && v < 1)) throw new LayerError(`${where}: ${k} must be in [0, 1), got ${v}`);
    }
  }

  get units(): number {
    return this.config.units;
  }

  /** A copy with some config changed (Bidirectional's backward layer). */
  withConfig(overrides: Partial<RecurrentConfig>): RecurrentLayer {
    return new RecurrentLayer(this.cell, { ...this.config, ...overrides });
  }

  override build(inputShape: Shape): void {
    const F = inputShape[inputShape.length - 1];
    if (inputShape.length !== 3 || F == null) {
      throw new LayerError(`${this.name}: expected input shape [batch, time, features] with known features, got ${shapeText(inputShape)}`);
    }
    const U = this.units;
    const G = CELL_GATES[this.cell] * U;
    const c = this.config;
    this.kernel = this.addWeight('kernel', [F, G], c.kernelInitializer ?? 'glorotUniform', true, c.kernelRegularizer, c.seed);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [U, G], c.recurrentInitializer ?? 'orthogonal', true, c.recurrentRegularizer, c.seed === undefined ? undefined : c.seed + 1);
    if (c.useBias === false) return;
    const resetAfter = this.cell === 'gru' && c.resetAfter !== false;
    const biasInit = c.biasInitializer ?? 'zeros';
    if (this.cell === 'lstm' && c.unitForgetBias !== false) {
      const init = (shape: number[]) => tf.tidy(() => {
        const base = typeof biasInit === 'function' ? biasInit([U]) : tf.zeros([U]);
        return tf.reshape(tf.concat([base, tf.ones([U]), typeof biasInit === 'function' ? biasInit([2 * U]) : tf.zeros([2 * U])]), shape);
      });
      this.bias = this.addWeight('bias', [G], init, true, c.biasRegularizer);
    } else {
      this.bias = this.addWeight('bias', resetAfter ? [2, G] : [G], biasInit, true, c.biasRegularizer);
    }
  }

  call(x: tf.Tensor, options: CallOptions): tf.Tensor | tf.Tensor[] {
    checkInput(this.name, x, 3, '[batch, time, features]', [null, null, this.kernel!.shape[0]]);
    const [B, , F] = x.shape;
    const U = this.units;
    const c = this.config;
    const nStates = this.cell === 'lstm' ? 2 : 1;
    let initial = options.initialState;
    if (initial && initial.length !== nStates) throw new LayerError(`${this.name}: expected ${nStates} initial state tensor(s), got ${initial.length}`);
    if (!initial && c.stateful && this.states) {
      if (this.states[0].shape[0] !== B) throw new LayerError(`${this.name}: stateful layer built for batch ${this.states[0].shape[0]}, got batch ${B} (call resetStates() first)`);
      initial = this.states;
    }
    const training = !!options.training;
    const result = tf.tidy(() => {
      const zeros = initial ? undefined : tf.zeros([B, U]);
      const initialState = (initial ?? Array.from({ length: nStates }, () => zeros!)) as tf.Tensor2D[];
      const dropMask = (n: number, rate?: number) => (training && rate ? (tf.dropout(tf.ones([B, n]), rate) as tf.Tensor2D) : undefined);
      const { outputs, states } = rnnSequence({
        cell: this.cell,
        inputs: x as tf.Tensor3D,
        kernel: this.kernel!.value as tf.Tensor as tf.Tensor2D,
        recurrentKernel: this.recurrentKernel!.value as tf.Tensor as tf.Tensor2D,
        bias: this.bias?.value,
        initialState,
        mask: options.mask ? (options.mask as tf.Tensor2D) : undefined,
        goBackwards: !!c.goBackwards,
        activation: c.activation ?? 'tanh',
        ...(this.cell === 'simpleRNN' ? {} : { recurrentActivation: c.recurrentActivation ?? 'sigmoid' }),
        ...(this.cell === 'gru' ? { resetAfter: c.resetAfter ?? true } : {}),
        returnSequences: !!c.returnSequences,
        zeroOutputForMask: c.zeroOutputForMask ?? false,
        inputDropoutMask: dropMask(F, c.dropout),
        recurrentDropoutMask: dropMask(U, c.recurrentDropout),
      });
      return [outputs, ...states];
    });
    const [outputs, ...states] = result;
    if (c.stateful) {
      const old = this.states;
      this.states = states.map((s) => tf.keep(s.clone())) as tf.Tensor2D[];
      if (old) tf.dispose(old);
    }
    if (c.returnState) return [outputs, ...states];
    // A kernel may return the last output and the final h as one tensor (the reference does): keep it.
    tf.dispose(states.filter((s) => s !== outputs));
    return outputs;
  }

  override computeMask(_x: tf.Tensor, mask: tf.Tensor | null): tf.Tensor | null {
    return this.config.returnSequences ? mask : null;
  }

  computeOutputShape(s: Shape): Shape {
    return this.config.returnSequences ? [s[0], s[1], this.units] : [s[0], this.units];
  }

  override computeOutputShapes(s: Shape): Shape[] {
    const out = this.computeOutputShape(s);
    const states = (this.cell === 'lstm' ? [0, 1] : [0]).map(() => [s[0], this.units]);
    return this.config.returnState ? [out, ...states] : [out];
  }

  override resetStates(): void {
    if (this.states) tf.dispose(this.states);
    this.states = null;
  }

  override getConfig() {
    const c = this.config;
    const out: Record<string, unknown> = {
      ...super.getConfig(), units: c.units, activation: kerasActivation(c.activation ?? 'tanh'), use_bias: c.useBias !== false,
      return_sequences: !!c.returnSequences, return_state: !!c.returnState, go_backwards: !!c.goBackwards, stateful: !!c.stateful,
      dropout: c.dropout ?? 0, recurrent_dropout: c.recurrentDropout ?? 0,
    };
    if (this.cell !== 'simpleRNN') out.recurrent_activation = kerasActivation(c.recurrentActivation ?? 'sigmoid');
    if (this.cell === 'lstm') out.unit_forget_bias = c.unitForgetBias !== false;
    if (this.cell === 'gru') out.reset_after = c.resetAfter !== false;
    return out;
  }
}
