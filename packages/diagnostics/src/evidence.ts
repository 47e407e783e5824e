// Plain evidence objects the checks read: numbers and arrays only, so each check can be tested without a model.

/** Per-epoch curves (a Keras History's `history` field has this shape). */
export interface LossHistory {
  loss: number[];
  valLoss?: number[];
}

/** Per-batch training trace, as the gradient recorder collects it. */
export interface BatchTrace {
  loss: number[];
  /** Global gradient norm (over all trainable weights) per batch. */
  gradNorm?: number[];
  /** Gradient norm per layer name per batch. */
  layerGradNorms?: Record<string, number[]>;
  /** Epoch of each batch (same length as loss). */
  epoch?: number[];
}

/** One probe of the per-time-step gradient flow: |d loss / d x_t| for each step t. */
export interface GradientFlowProbe {
  /** Batches trained (counted across epochs) before the probe ran: 0 is the model at initialisation. */
  batch: number;
  epoch: number;
  /** One norm per time step, oldest step first; NaN where no row of the probe batch has a real step. */
  norms: number[];
}

export interface GradientFlow {
  probes: GradientFlowProbe[];
}

/** Sequence lengths and how the pipeline cuts and pads them. */
export interface LengthStats {
  /** Original (pre-truncation) length of each sample. */
  lengths: number[];
  maxlen?: number;
  padding?: 'pre' | 'post';
  truncating?: 'pre' | 'post';
}

/** Activation statistics of one gate of one recurrent layer. */
export interface GateStats {
  layer: string;
  gate: string;
  activation: 'sigmoid' | 'tanh' | 'hardSigmoid';
  /** Fraction of activations within `margin` of the activation's lower limit. */
  lowFraction: number;
  /** Fraction of activations within `margin` of the upper limit. */
  highFraction: number;
  count: number;
}

/** Per-feature statistics of the inputs (over all real steps). */
export interface FeatureStats {
  mean: number[];
  std: number[];
  /** Root mean square |x| per feature. */
  rms: number[];
  /** Non-finite values seen in the inputs. */
  nonFinite: number;
}

/** What a model looks like to the checks: the layer kinds in order, and whether a mask reaches each. */
export interface ModelSummary {
  layers: LayerSummary[];
}

export interface LayerSummary {
  name: string;
  /** Keras class name: 'LSTM', 'GRU', 'SimpleRNN', 'Bidirectional', 'Masking', 'Embedding', 'Dense', ... */
  className: string;
  recurrent: boolean;
  /** For recurrent layers: whether a mask-producing layer (Masking, Embedding with maskZero) precedes it. */
  masked: boolean;
  /** The cell kind inside (for Bidirectional too). */
  cell?: 'simpleRNN' | 'lstm' | 'gru';
  activation?: string;
  units?: number;
}
