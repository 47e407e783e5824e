// SimpleRNN, LSTM and GRU cells usable on their own (one time step) and inside layers.rnn: Keras weight layout,
// the step computed by @rnnkit/backend's rnnCellStep.
import { CELL_GATES, rnnCellStep, tf, type ActivationName, type CellKind } from '@rnnkit/backend';
import { checkConfigKeys, LayerError, shapeText } from '../errors.js';
import type { InitializerSpec } from '../initializers/initializers.js';
import { BASE_KEYS, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';
import type { LayerWeight } from '../engine/layer-weight.js';
import { kerasActivation } from '../io/serialization-names.js';

export interface CellConfig extends BaseLayerConfig {
  units: number;
  activation?: ActivationName;
  recurrentActivation?: ActivationName;
  useBias?: boolean;
  kernelInitializer?: InitializerSpec;
  recurrentInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
  unitForgetBias?: boolean;
  resetAfter?: boolean;
  seed?: number;
}

/** What layers.rnn needs of a cell: state sizes and one step. Built-in cells and user cells implement it. */
export interface RecurrentCell {
  /** One entry per state tensor (LSTM: [units, units]). */
  readonly stateSize: number[];
  build?(inputShape: Shape): void;
  step(inputs: tf.Tensor2D, states: tf.Tensor2D[], training: boolean): { output: tf.Tensor2D; states: tf.Tensor2D[] };
}

const CLASS: Record<CellKind, string> = { simpleRNN: 'SimpleRNNCell', lstm: 'LSTMCell', gru: 'GRUCell' };

export class BuiltinCell extends Layer implements RecurrentCell {
  readonly className: string;
  kernel?: LayerWeight;
  recurrentKernel?: LayerWeight;
  bias?: LayerWeight;

  constructor(readonly cell: CellKind, readonly config: CellConfig) {
    super(config, CLASS[cell]);
    this.className = CLASS[cell];
    const keys = [...BASE_KEYS, 'units', 'activation', 'useBias', 'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'seed',
      ...(cell === 'simpleRNN' ? [] : ['recurrentActivation']), ...(cell === 'lstm' ? ['unitForgetBias'] : []), ...(cell === 'gru' ? ['resetAfter'] : [])];
    checkConfigKeys(`${cell}Cell`, config, keys);
    if (!Number.isInteger(config.units) || config.units <= 0) throw new LayerError(`${cell}Cell: units must be a positive integer, got ${config.units}`);
  }

  get stateSize(): number[] {
    return this.cell === 'lstm' ? [this.config.units, this.config.units] : [this.config.units];
  }

  override build(inputShape: Shape): void {
    const F = inputShape[inputShape.length - 1];
    if (F == null) throw new LayerError(`${this.name}: the feature size must be known, got ${shapeText(inputShape)}`);
    const U = this.config.units;
    const G = CELL_GATES[this.cell] * U;
    const c = this.config;
    this.kernel = this.addWeight('kernel', [F, G], c.kernelInitializer ?? 'glorotUniform', true, undefined, c.seed);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [U, G], c.recurrentInitializer ?? 'orthogonal', true, undefined, c.seed === undefined ? undefined : c.seed + 1);
    if (c.useBias === false) return;
    if (this.cell === 'lstm' && c.unitForgetBias !== false) {
      this.bias = this.addWeight('bias', [G], (s) => tf.tidy(() => tf.reshape(tf.concat([tf.zeros([U]), tf.ones([U]), tf.zeros([2 * U])]), s)));
    } else {
      this.bias = this.addWeight('bias', this.cell === 'gru' && c.resetAfter !== false ? [2, G] : [G], c.biasInitializer ?? 'zeros');
    }
  }

  step(inputs: tf.Tensor2D, states: tf.Tensor2D[]): { output: tf.Tensor2D; states: tf.Tensor2D[] } {
    this.ensureBuilt(inputs.shape);
    const c = this.config;
    const r = rnnCellStep({
      cell: this.cell, inputs, states, kernel: this.kernel!.value as tf.Tensor as tf.Tensor2D, recurrentKernel: this.recurrentKernel!.value as tf.Tensor as tf.Tensor2D,
      bias: this.bias?.value, activation: c.activation ?? 'tanh',
      ...(this.cell === 'simpleRNN' ? {} : { recurrentActivation: c.recurrentActivation ?? 'sigmoid' }),
      ...(this.cell === 'gru' ? { resetAfter: c.resetAfter ?? true } : {}),
    });
    return { output: r.output as tf.Tensor2D, states: r.states as tf.Tensor2D[] };
  }

  /** One step on its own: `cell.apply(x [batch, features], {initialState})` returns [output, ...states]. */
  call(x: tf.Tensor, options: CallOptions): tf.Tensor[] {
    if (x.rank !== 2) throw new LayerError(`${this.name}: a cell takes one time step [batch, features], got ${shapeText(x.shape)}`);
    const states = (options.initialState ?? this.stateSize.map((n) => tf.zeros([x.shape[0], n]))) as tf.Tensor2D[];
    const r = this.step(x as tf.Tensor2D, states);
    return [r.output, ...r.states];
  }

  computeOutputShape(s: Shape): Shape {
    return [s[0], this.config.units];
  }

  override getConfig() {
    const c = this.config;
    return {
      ...super.getConfig(), units: c.units, activation: kerasActivation(c.activation ?? 'tanh'), use_bias: c.useBias !== false,
      ...(this.cell === 'simpleRNN' ? {} : { recurrent_activation: kerasActivation(c.recurrentActivation ?? 'sigmoid') }),
      ...(this.cell === 'lstm' ? { unit_forget_bias: c.unitForgetBias !== false } : {}),
      ...(this.cell === 'gru' ? { reset_after: c.resetAfter !== false } : {}),
    };
  }
}
