// One benchmark phase per child process, so each reports its own peak RSS (process.resourceUsage().maxRSS).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const BOUNDARIES = [16, 32, 64, 128];

export async function runPhase(phase, file, o) {
  const start = performance.now();
  let samples = 0;
  let batches = 0;
  if (phase.startsWith('rnnkit')) {
    const { createPipeline, jsonlSource } = await import('@rnnkit/data-pipeline');
    // rnnkit-maxlen does exactly what the tfjs-data phase does (every row padded to maxlen, no buckets);
    // rnnkit and rnnkit-tensors bucket by length, so batches pad only to their bucket's longest.
    const bucketed = phase !== 'rnnkit-maxlen';
    const pipeline = createPipeline({
      source: jsonlSource(file),
      shuffle: { seed: 1, bufferSize: o.buffer },
      sequence: { maxlen: o.maxlen, padding: 'post' },
      bucket: bucketed ? { boundaries: BOUNDARIES, batchSizes: Array(BOUNDARIES.length + 1).fill(o.batch) } : undefined,
      batchSize: bucketed ? undefined : o.batch,
      onWarning: () => {},
      recordOrder: o.recordOrder !== 'false',
    });
    if (phase !== 'rnnkit-tensors') {
      for await (const b of pipeline.epochBatches(0)) {
        samples += b.ids.length;
        batches++;
      }
    } else {
      const { toTensorDataset } = await import('@rnnkit/data-pipeline/tensors');
      for await (const b of toTensorDataset(pipeline).epochBatches(0)) {
        samples += b.ids.length;
        batches++;
        b.xs.dispose(); b.ys?.dispose(); b.mask?.dispose();
      }
    }
    if (!['rnnkit', 'rnnkit-maxlen', 'rnnkit-tensors'].includes(phase)) throw new Error(`unknown phase ${phase}`);
    const e = pipeline.manifest.coverage({ includeOrder: false }).epochs[0];
    if (e.seen !== samples || e.neverSeen.length !== 0) throw new Error(`coverage mismatch: ${e.seen} seen, ${samples} yielded`);
  } else if (phase === 'tfjs-data') {
    await import('@rnnkit/backend'); // registers the cpu backend on the shared tfjs-core engine
    const tfd = await import('@tensorflow/tfjs-data');
    const data = tfd.default ?? tfd;
    // tf.data has no padded batch: pad every sample to maxlen (with its mask) in the generator, then batch.
    const ds = data.generator(async function* () {
      const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
      for await (const line of rl) {
        if (!line) continue;
        const { x, y } = JSON.parse(line);
        const n = Math.min(x.length, o.maxlen);
        const xs = new Array(o.maxlen).fill(0);
        const mask = new Array(o.maxlen).fill(0);
        for (let t = 0; t < n; t++) { xs[t] = x[x.length - n + t]; mask[t] = 1; }
        yield { xs, mask, ys: y };
      }
    }).shuffle(o.buffer, '1').batch(o.batch);
    const it = await ds.iterator();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      samples += r.value.ys.shape[0];
      batches++;
      r.value.xs.dispose(); r.value.mask.dispose(); r.value.ys.dispose();
    }
  } else {
    throw new Error(`unknown phase ${phase}`);
  }
  const seconds = (performance.now() - start) / 1000;
  return { phase, samples, batches, seconds, samplesPerSecond: samples / seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}
