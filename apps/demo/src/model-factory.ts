// The recurrent model the demo trains, from the CLI's options.
import { layers, sequential, type Sequential } from '@rnnkit/core-layers';
import { adam, rmsprop, sgd } from '@rnnkit/optimizers';
import type { RunOptions } from './run-options.js';

export function recurrentLayer(o: RunOptions, extra: { inputShape?: number[]; returnSequences?: boolean } = {}) {
  const rnn = layers[o.cell]({ units: o.units, seed: o.seed, ...extra, ...(o.bidirectional ? { inputShape: undefined } : {}) });
  return o.bidirectional ? layers.bidirectional({ layer: rnn, ...(extra.inputShape ? { inputShape: extra.inputShape } : {}) }) : rnn;
}

export function optimizerFor(o: RunOptions) {
  const clip = o.clipnorm > 0 ? { clipnorm: o.clipnorm } : {};
  const config = { learningRate: o.learningRate, ...clip };
  return o.optimizer === 'sgd' ? sgd(config) : o.optimizer === 'rmsprop' ? rmsprop(config) : adam(config);
}

/** Embedding (maskZero when masking) -> recurrent layer -> sigmoid output, for token sequences. */
export function textClassifier(o: RunOptions, vocab: number): Sequential {
  return sequential({
    layers: [
      layers.embedding({ inputDim: vocab, outputDim: 32, maskZero: o.mask, inputShape: [null as unknown as number], seed: o.seed }),
      recurrentLayer(o),
      layers.dense({ units: 1, activation: 'sigmoid', seed: o.seed }),
    ],
  });
}
