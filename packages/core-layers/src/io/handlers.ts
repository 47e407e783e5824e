// Where a model goes: file:// in Node (model.json + weight shards, the tfjs LayersModel format), tfjs-core's
// browser routers (indexeddb://, localstorage://, downloads://, http(s):// for loading), or any tf.io handler
// (tf.io.withSaveHandler, tf.io.fromMemory) passed directly.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';
import { fileHandler } from './file-handler.js';

export type ModelTarget = string | tf.io.IOHandler;

export function resolveHandler(target: ModelTarget, purpose: 'save' | 'load'): tf.io.IOHandler {
  const fn = `${purpose}Model`;
  if (typeof target !== 'string') {
    if (typeof target !== 'object' || target === null || typeof target[purpose] !== 'function') {
      throw new ConfigError(`${fn}: expected a URL string or a tf.io handler with ${purpose}(), got ${target === null ? 'null' : typeof target}`);
    }
    return target;
  }
  if (target.startsWith('file://')) return fileHandler(target);
  const found = purpose === 'save' ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
  if (found.length === 0) {
    throw new ConfigError(`${fn}: no handler for '${target}' (file:// in Node; indexeddb://, localstorage://, downloads:// in browsers; or pass a tf.io handler)`);
  }
  return found[0];
}
