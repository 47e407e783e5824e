// Browser persistence: IndexedDB and localStorage through tfjs-core's routers, in the LayersModel format.
import { tf, useBackend } from '@rnnkit/backend';
import { describe, expect, it } from 'vitest';
import { layers, loadModel, sequential } from '../../src/index.js';

describe('save and load in the browser', () => {
  for (const url of ['indexeddb://rnnkit-test-model', 'localstorage://rnnkit-test-model']) {
    it(`${url.split(':')[0]}: a saved model loads and predicts the same`, async () => {
      await useBackend('cpu', { log: false });
      const m = sequential({ layers: [layers.gru({ units: 3, inputShape: [4, 2] }), layers.dense({ units: 1 })] });
      const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 7);
      await m.save(url);
      const back = await loadModel(url);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(back.predict(x) as tf.Tensor, m.predict(x)))).dataSync()[0]);
      expect(diff).toBe(0);
    });
  }
});
