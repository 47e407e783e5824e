// Placeholders for building functional models: `input({shape})` makes one, `layer.apply(symbolic)` records a
// node and returns the layer's symbolic outputs.
import type { Layer, Shape } from './layer.js';

export interface GraphNode {
  layer: Layer;
  input: SymbolicTensor;
  initialState?: SymbolicTensor[];
  outputs: SymbolicTensor[];
}

export class SymbolicTensor {
  constructor(
    readonly shape: Shape,
    readonly dtype: 'float32' | 'int32',
    readonly name: string,
    /** The node that produces it; undefined for a model input. */
    readonly node?: GraphNode,
    readonly outputIndex = 0,
  ) {}
}

let inputs = 0;

/** A model input: `shape` without the batch dimension (null for a variable size, e.g. time). */
export function input({ shape, dtype = 'float32', name }: { shape: (number | null)[]; dtype?: 'float32' | 'int32'; name?: string }): SymbolicTensor {
  return new SymbolicTensor([null, ...shape], dtype, name ?? (inputs++ === 0 ? 'input' : `input_${inputs - 1}`));
}
