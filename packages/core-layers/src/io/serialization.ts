// Keras/tfjs-layers JSON config <-> rnnkit layer configs. Activation names go out in Keras spelling
// ('hard_sigmoid') and come back in tfjs-layers' ('hardSigmoid'), so models move both ways.
import { ConfigError } from '../errors.js';
import type { Layer } from '../engine/layer.js';
import { layers } from '../layers/index.js';
import type { RecurrentLayer } from '../layers/recurrent.js';

const toCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Json = Record<string, unknown>;
const IGNORED = new Set(['implementation', 'unroll', 'time_major', 'kernel_constraint', 'recurrent_constraint', 'bias_constraint',
  'embeddings_constraint', 'activity_regularizer', 'embeddings_regularizer', 'kernel_initializer', 'recurrent_initializer',
  'bias_initializer', 'embeddings_initializer', 'kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'input_dtype',
  'sparse', 'ragged', 'cell', 'seed']);

function camelConfig(config: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(config)) {
    if (IGNORED.has(k) || v === null) continue;
    const key = toCamel(k);
    out[key] = (key === 'activation' || key === 'recurrentActivation') && typeof v === 'string' ? toCamel(v) : v;
  }
  if (Array.isArray(out.batchInputShape)) {
    out.inputShape = (out.batchInputShape as unknown[]).slice(1);
    delete out.batchInputShape;
  }
  if (out.dtype !== 'int32') delete out.dtype;
  return out;
}

const FACTORIES: Record<string, (c: Json) => Layer> = {
  Dense: (c) => layers.dense(c as never),
  Embedding: (c) => {
    delete c.dtype;
    return layers.embedding(c as never);
  },
  Masking: (c) => layers.masking(c as never),
  Dropout: (c) => {
    delete c.noiseShape;
    return layers.dropout(c as never);
  },
  SimpleRNN: (c) => layers.simpleRNN(c as never),
  LSTM: (c) => layers.lstm(c as never),
  GRU: (c) => layers.gru({ resetAfter: false, ...c } as never),
  LayerNormalization: (c) => {
    delete c.axis;
    return layers.layerNormalization(c as never);
  },
  TimeDistributed: (c) => {
    const { layer: inner, ...rest } = c;
    return layers.timeDistributed({ ...rest, layer: layerFromJSON(inner as { class_name: string; config: Json }) } as never);
  },
  Bidirectional: (c) => {
    const inner = c.layer as { class_name: string; config: Json };
    const layer = layerFromJSON(inner) as RecurrentLayer;
    const { layer: _l, numConstants: _n, ...rest } = c;
    return layers.bidirectional({ ...rest, layer } as never);
  },
};

/** One layer from its Keras JSON ({class_name, config}). */
export function layerFromJSON(json: { class_name: string; config: Json }): Layer {
  const make = FACTORIES[json.class_name];
  if (!make) throw new ConfigError(`loadModel: layer class '${json.class_name}' is not supported (supported: ${Object.keys(FACTORIES).join(', ')})`);
  return make(camelConfig(json.config));
}
