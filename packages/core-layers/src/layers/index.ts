// The `layers` namespace: Keras-style lower-case factories.
import { BuiltinCell, type CellConfig } from '../cells/builtin-cell.js';
import { RNN, type RNNConfig } from '../cells/rnn.js';
import { Bidirectional, type BidirectionalConfig } from './bidirectional.js';
import { Dense, type DenseConfig } from './dense.js';
import { Dropout, type DropoutConfig } from './dropout.js';
import { Embedding, type EmbeddingConfig } from './embedding.js';
import { Masking, type MaskingConfig } from './masking.js';
import { LayerNormalization, type LayerNormalizationConfig } from './layer-normalization.js';
import { RecurrentLayer, type RecurrentConfig } from './recurrent.js';
import { TimeDistributed, type TimeDistributedConfig } from './time-distributed.js';

export const layers = {
  dense: (c: DenseConfig) => new Dense(c),
  embedding: (c: EmbeddingConfig) => new Embedding(c),
  masking: (c?: MaskingConfig) => new Masking(c),
  dropout: (c: DropoutConfig) => new Dropout(c),
  simpleRNN: (c: RecurrentConfig) => new RecurrentLayer('simpleRNN', c),
  lstm: (c: RecurrentConfig) => new RecurrentLayer('lstm', c),
  gru: (c: RecurrentConfig) => new RecurrentLayer('gru', c),
  bidirectional: (c: BidirectionalConfig) => new Bidirectional(c),
  simpleRNNCell: (c: CellConfig) => new BuiltinCell('simpleRNN', c),
  lstmCell: (c: CellConfig) => new BuiltinCell('lstm', c),
  gruCell: (c: CellConfig) => new BuiltinCell('gru', c),
  rnn: (c: RNNConfig) => new RNN(c),
  timeDistributed: (c: TimeDistributedConfig) => new TimeDistributed(c),
  layerNormalization: (c?: LayerNormalizationConfig) => new LayerNormalization(c),
};
