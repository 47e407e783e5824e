// Helpers of the interop suites: a model's saved artifacts without touching disk, and prediction differences.
import { tf } from '@rnnkit/backend';

/** Max |a - b| over all elements; disposes both. */
export function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
  tf.dispose([a, b]);
  return d;
}

/** What `save` writes, captured in memory (any library's model.save accepts the handler). */
export async function savedArtifacts(save: (h: tf.io.IOHandler) => Promise<unknown>): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!artifacts) throw new Error('savedArtifacts: save() returned without writing artifacts');
  return artifacts;
}
