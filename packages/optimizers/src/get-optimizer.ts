// Keras' optimizers.get / deserialize: a name ('adam', Keras defaults), a `{ className, config }` (what
// serializeOptimizer and getConfig give) or an instance (any tf.Optimizer, a plain tfjs one included).
import { tf, ValueError } from '@rnnkit/backend';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import type { RnnkitOptimizer } from './base-optimizer.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import { describe } from './validate.js';

const CLASSES = { SGD, Adam, AdamW, Nadam, RMSprop, Adagrad, Adadelta, Adamax } as const;

export type OptimizerClassName = keyof typeof CLASSES;
export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'nadam' | 'rmsprop' | 'adagrad' | 'adadelta' | 'adamax';

export interface SerializedOptimizer {
  className: OptimizerClassName | string;
  config: Record<string, unknown>;
}

function classFor(name: string, op: string, argument: string): new (config: Record<string, unknown>) => RnnkitOptimizer {
  const key = Object.keys(CLASSES).find((k) => k.toLowerCase() === name.toLowerCase()) as OptimizerClassName | undefined;
  if (key === undefined) {
    throw new ValueError({ op, argument, expected: `one of ${Object.keys(CLASSES).map((k) => `'${k.toLowerCase()}'`).join(', ')} (any case)`, got: `'${name}'` });
  }
  return CLASSES[key] as unknown as new (config: Record<string, unknown>) => RnnkitOptimizer;
}

/** `{ className: 'Adam', config: { learningRate: 0.001, ... } }`: JSON-safe, schedules included. */
export function serializeOptimizer(optimizer: RnnkitOptimizer): SerializedOptimizer {
  return { className: optimizer.getClassName(), config: JSON.parse(JSON.stringify(optimizer.getConfig())) as Record<string, unknown> };
}

/** Rebuilds an optimizer (hyper-parameters and schedule; state comes back with setWeights). */
export function optimizerFromConfig(serialized: SerializedOptimizer): RnnkitOptimizer {
  if (typeof serialized !== 'object' || serialized === null || typeof serialized.className !== 'string') {
    throw new ValueError({ op: 'optimizerFromConfig', argument: 'serialized', expected: '{ className, config }', got: describe(serialized) });
  }
  const Cls = classFor(serialized.className, 'optimizerFromConfig', 'className');
  return new Cls({ ...(serialized.config ?? {}) });
}

/** What `compile({ optimizer })` accepts: a name (Keras defaults), a serialized optimizer, or an instance. */
export function getOptimizer(identifier: OptimizerName | string | SerializedOptimizer | tf.Optimizer): tf.Optimizer {
  if (identifier instanceof tf.Optimizer) return identifier;
  if (typeof identifier === 'string') return new (classFor(identifier, 'getOptimizer', 'identifier'))({});
  if (typeof identifier === 'object' && identifier !== null && 'className' in identifier) return optimizerFromConfig(identifier);
  throw new ValueError({ op: 'getOptimizer', argument: 'identifier', expected: 'an optimizer name, { className, config } or a tf.Optimizer', got: describe(identifier) });
}
