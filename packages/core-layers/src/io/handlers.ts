// Where a model goes: file:// in Node (model.json + weights.bin, the tfjs LayersModel format), tfjs-core's
// browser routers (indexeddb://, localstorage://, downloads://), or any tf.io handler (tf.io.withSaveHandler,
// tf.io.fromMemory) passed directly.
import { tf } from '@rnnkit/backend';

export type ModelTarget = string | tf.io.IOHandler;

function fileHandler(dir: string): tf.io.IOHandler {
  const modelJson = () => import('node:path').then((p) => p.join(dir, 'model.json'));
  return {
    async save(artifacts) {
      const fs = await import('node:fs/promises');
      const path = await import('node:path');
      await fs.mkdir(dir, { recursive: true });
      const weightsManifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      };
      await fs.writeFile(await modelJson(), JSON.stringify(json));
      const data = artifacts.weightData as ArrayBuffer;
      await fs.writeFile(path.join(dir, 'weights.bin'), new Uint8Array(data ?? new ArrayBuffer(0)));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: data?.byteLength ?? 0 } };
    },
    async load() {
      const fs = await import('node:fs/promises');
      const path = await import('node:path');
      const json = JSON.parse(await fs.readFile(await modelJson(), 'utf8'));
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(new Uint8Array(await fs.readFile(path.join(dir, p))));
      }
      const total = buffers.reduce((a, b) => a + b.byteLength, 0);
      const weightData = new Uint8Array(total);
      let o = 0;
      for (const b of buffers) { weightData.set(b, o); o += b.byteLength; }
      return { modelTopology: json.modelTopology, weightSpecs: specs, weightData: weightData.buffer, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, trainingConfig: json.trainingConfig };
    },
  };
}

export function resolveHandler(target: ModelTarget, purpose: 'save' | 'load'): tf.io.IOHandler {
  if (typeof target !== 'string') return target;
  if (target.startsWith('file://')) return fileHandler(target.slice('file://'.length));
  const found = purpose === 'save' ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
  if (found.length === 0) {
    throw new Error(`${purpose}Model: no handler for '${target}' (file:// in Node; indexeddb://, localstorage://, downloads:// in browsers; or pass a tf.io handler)`);
  }
  return found[0];
}
