// AdamW (Loshchilov & Hutter): Adam plus decoupled weight decay, `w -= w * weightDecay * lr` before the Adam
// step (Keras' form: the decay is scaled by the learning rate). Every rnnkit optimizer accepts weightDecay;
// AdamW only differs in its default (0.004, Keras').
import { Adam, ADAM_KEYS } from './adam.js';
import type { AdamConfig } from './adam.js';

export type AdamWConfig = AdamConfig;

export class AdamW extends Adam {
  static override className = 'AdamW';

  constructor(config: AdamWConfig = {}) {
    super({ ...config, weightDecay: config.weightDecay ?? 0.004 }, 'adamw', ADAM_KEYS);
  }
}

/** `adamw({ learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false })`. */
export function adamw(config: AdamWConfig = {}): AdamW {
  return new AdamW(config);
}
