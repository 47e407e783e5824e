// file:// in Node: model.json plus weight shards beside it, the tfjs LayersModel layout (what tfjs-node writes and
// tensorflowjs_converter produces), so either side reads the other's files.
import { tf } from '@rnnkit/backend';
import { ConfigError } from '../errors.js';

/** Weight files of at most this many bytes (tensorflowjs_converter's default shard size). */
export const SHARD_BYTES = 4 * 1024 * 1024;

const asBuffer = (data: tf.io.WeightData | undefined): ArrayBuffer => (data === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(data));

/** 'file://dir' or 'file://dir/model.json' -> the model.json path and the directory of its weight files. */
async function locate(url: string): Promise<{ json: string; dir: string }> {
  const path = await import('node:path');
  const target = url.slice('file://'.length);
  if (target.length === 0) throw new ConfigError("file://: a directory is required, e.g. 'file://./my-model'");
  return target.endsWith('.json') ? { json: target, dir: path.dirname(target) } : { json: path.join(target, 'model.json'), dir: target };
}

async function save(url: string, artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { json, dir } = await locate(url);
  await fs.mkdir(dir, { recursive: true });
  const data = new Uint8Array(asBuffer(artifacts.weightData));
  const count = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const paths = count === 1 ? ['weights.bin'] : Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
  for (let i = 0; i < count; i++) await fs.writeFile(path.join(dir, paths[i]), data.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  await fs.writeFile(json, JSON.stringify(modelJson));
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData: data.buffer }) };
}

async function load(url: string): Promise<tf.io.ModelArtifacts> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { json, dir } = await locate(url);
  let text: string;
  try {
    text = await fs.readFile(json, 'utf8');
  } catch (e) {
    throw new ConfigError(`loadModel: cannot read ${json} (${(e as Error).message}); file:// takes the directory a model was saved to, or the path of its model.json`);
  }
  const modelJson = JSON.parse(text) as tf.io.ModelJSON;
  if (!modelJson.modelTopology) throw new ConfigError(`loadModel: ${json} has no modelTopology (not a tfjs LayersModel model.json)`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of modelJson.weightsManifest ?? []) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const file = path.join(dir, p);
      const bytes = await fs.readFile(file).catch((e: Error) => {
        throw new ConfigError(`loadModel: weight file ${file} listed in ${json} cannot be read (${e.message})`);
      });
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  return tf.io.getModelArtifactsForJSON(modelJson, async () => [specs, tf.io.CompositeArrayBuffer.join(buffers)]);
}

/** A tf.io handler for a file:// URL (Node only: it imports node:fs when used). */
export const fileHandler = (url: string): tf.io.IOHandler => ({ save: (a) => save(url, a), load: () => load(url) });
