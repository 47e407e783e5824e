// layers.rnn({cell | cells}): any cell (built-in or user-defined) or a stack of cells over time, through
// @rnnkit/backend's rnnLoop (same mask, goBackwards and output semantics as the fused layers).
import { rnnLoop, tf } from '@rnnkit/backend';
import { checkConfigKeys, LayerError } from '../errors.js';
import { BASE_KEYS, checkInput, Layer, type BaseLayerConfig, type CallOptions, type Shape } from '../engine/layer.js';
import type { RecurrentCell } from './builtin-cell.js';

export interface RNNConfig extends BaseLayerConfig {
  cell: RecurrentCell | RecurrentCell[];
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  zeroOutputForMask?: boolean;
}

export class RNN extends Layer {
  readonly className = 'RNN';
  readonly cells: RecurrentCell[];
  constructor(readonly config: RNNConfig) {
    super(config, 'rnn');
    checkConfigKeys('rnn', config, [...BASE_KEYS, 'cell', 'returnSequences', 'returnState', 'goBackwards', 'zeroOutputForMask']);
    this.cells = Array.isArray(config.cell) ? config.cell : [config.cell];
    if (this.cells.length === 0 || this.cells.some((c) => !c || typeof c.step !== 'function' || !Array.isArray(c.stateSize))) {
      throw new LayerError('rnn: cell must be a cell (layers.lstmCell(...), or an object with stateSize: number[] and step(inputs, states, training)) or a non-empty array of them');
    }
    for (const c of this.cells) if (c instanceof Layer) this.children.push(c);
  }

  override build(s: Shape): void {
    let shape: Shape = [s[0], s[s.length - 1]];
    for (const c of this.cells) {
      c.build && (c instanceof Layer ? c.ensureBuilt(shape) : c.build(shape));
      shape = [s[0], c.stateSize[0]];
    }
  }

  call(x: tf.Tensor, options: CallOptions): tf.Tensor | tf.Tensor[] {
    checkInput(this.name, x, 3, '[batch, time, features]');
    const B = x.shape[0];
    const sizes = this.cells.map((c) => c.stateSize.length);
    const initial = (options.initialState ?? this.cells.flatMap((c) => c.stateSize.map((n) => tf.zeros([B, n])))) as tf.Tensor2D[];
    const training = !!options.training;
    const step = (input: tf.Tensor2D, states: tf.Tensor2D[]) => {
      let h = input;
      let at = 0;
      const next: tf.Tensor2D[] = [];
      this.cells.forEach((c, i) => {
        const r = c.step(h, states.slice(at, at + sizes[i]), training);
        at += sizes[i];
        next.push(...r.states);
        h = r.output;
      });
      return { output: h, states: next };
    };
    const r = rnnLoop({
      step, inputs: x as tf.Tensor3D, initialStates: initial, mask: (options.mask ?? undefined) as tf.Tensor2D | undefined,
      goBackwards: !!this.config.goBackwards, returnSequences: !!this.config.returnSequences, zeroOutputForMask: this.config.zeroOutputForMask ?? false,
    });
    if (this.config.returnState) return [r.outputs, ...r.states];
    tf.dispose(r.states.filter((s) => s !== r.outputs));
    return r.outputs;
  }

  override computeMask(_x: tf.Tensor, mask: tf.Tensor | null): tf.Tensor | null {
    return this.config.returnSequences ? mask : null;
  }

  computeOutputShape(s: Shape): Shape {
    const units = this.cells[this.cells.length - 1].stateSize[0];
    return this.config.returnSequences ? [s[0], s[1], units] : [s[0], units];
  }
}
