// The seam between the layer/model graph (src/engine, src/layers, src/cells) and training and
// persistence (src/training, src/io). Both sides code against these types, nothing more.
import type { tf } from '@rnnkit/backend';

/** A named weight of a layer. `value` is the underlying variable; its name is unique within a model. */
export interface WeightVariable {
  readonly name: string;
  readonly trainable: boolean;
  readonly value: tf.Variable;
  /** Keras-style shape of the weight. */
  readonly shape: number[];
}

/** Optional per-call extras a forward pass can take. */
export interface ForwardOptions {
  /** Dropout and similar are active only when true. */
  training: boolean;
  /** One mask per model input ([batch, time] 0/1), e.g. from the data pipeline's padded batches. */
  masks?: (tf.Tensor | null)[];
}

/** What training, evaluation, prediction and persistence need from a model. */
export interface ModelCore {
  readonly name: string;
  /** Input shapes without the batch dimension (null for unknown sizes), one per input. */
  readonly inputShapes: (number | null)[][];
  readonly outputNames: string[];
  readonly inputNames: string[];
  /** All weights in a stable order (the order of getWeights/setWeights). */
  readonly weights: WeightVariable[];
  readonly trainableWeights: WeightVariable[];
  /** Eager forward pass over real tensors: one tensor per input in, one per output out. */
  forward(inputs: tf.Tensor[], options: ForwardOptions): tf.Tensor[];
  /** Regularisation losses of the current weights (scalars), added to the training loss. */
  regularizationLosses(): tf.Scalar[];
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end fit() after the current batch. */
  stopTraining: boolean;
  /** Keras-format topology (the `modelTopology` of a tfjs LayersModel model.json). */
  toTopologyJSON(): Record<string, unknown>;
  /** Resets the states of stateful recurrent layers. */
  resetStates(): void;
}

/**
 * What a compiled model exposes so that saveModel (src/io) can write its training config with includeOptimizer.
 * Added by training/io; LayersModel implements it with a getter over what compile() stored.
 */
export interface CompiledModelInfo {
  readonly optimizer?: tf.Optimizer;
  /** The arguments compile() was given (src/training/compile.ts' CompileArgs); undefined before compile. */
  readonly compileArgs?: import('../training/compile.js').CompileArgs;
}
