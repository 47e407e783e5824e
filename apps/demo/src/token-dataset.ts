// The training data path both text tasks share: the pipeline (seeded shuffle, truncation and padding with explicit
// sides, optional length bucketing, the coverage manifest) and its tensor batches for fitDataset.
import { tf } from '@rnnkit/backend';
import { createPipeline, fromArrays, type Pipeline } from '@rnnkit/data-pipeline';
import { toTensorDataset } from '@rnnkit/data-pipeline/tensors';
import type { RunOptions } from './run-options.js';

export function tokenDataset(o: RunOptions, seqs: number[][], labels: number[], targets: 'column' | 'classIds'): { pipeline: Pipeline; dataset: { size: number; epochBatches(epoch: number): AsyncIterable<{ xs: tf.Tensor; ys: tf.Tensor; mask?: tf.Tensor }> } } {
  const pipeline = createPipeline({
    source: fromArrays({ x: seqs, y: labels }),
    shuffle: { seed: o.seed },
    sequence: { maxlen: o.maxlen, padding: o.padding, truncating: o.truncating },
    ...(o.bucketing ? { bucket: { auto: true, numBuckets: 4, batchSize: o.batchSize } } : { batchSize: o.batchSize }),
    onWarning: (w) => o.log(`pipeline warning: ${w.message}`),
  });
  const tensors = toTensorDataset(pipeline);
  const dataset = {
    size: seqs.length,
    async *epochBatches(epoch: number) {
      for await (const b of tensors.epochBatches(epoch)) {
        // A sigmoid output wants [B, 1] targets; sparse class ids stay [B].
        const ys = targets === 'column' ? tf.reshape(b.ys!, [b.ys!.shape[0], 1]) : b.ys!;
        if (ys !== b.ys) b.ys!.dispose();
        // Without masking the recurrent layer sees the padding as data (the seed article's trap, kept on purpose).
        if (!o.mask) b.mask?.dispose();
        yield { xs: b.xs, ys, mask: o.mask ? b.mask : undefined };
      }
    },
  };
  return { pipeline, dataset };
}
