import { describe, expect, it } from 'vitest';
import { createPipeline, jsonlSource, padSequences, type Batch } from '../../src/index.js';

function stream(text: string, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

describe('@rnnkit/data-pipeline in Chromium', () => {
  it('padSequences works without Node', () => {
    expect(Array.from(padSequences([[1], [2, 3]]).data)).toEqual([0, 1, 2, 3]);
  });

  it('streams JSONL from a browser ReadableStream (a fresh one per epoch) into masked, bucketed batches', async () => {
    const text = Array.from({ length: 30 }, (_, i) => JSON.stringify({ x: Array(1 + (i % 7)).fill(i + 1), y: i % 2 })).join('\n');
    const p = createPipeline({
      source: jsonlSource(() => stream(text)),
      shuffle: { seed: 2, bufferSize: 30 },
      sequence: { padding: 'post' },
      bucket: { boundaries: [4], batchSizes: [4, 4] },
    });
    for (const epoch of [0, 1]) {
      const batches: Batch[] = [];
      for await (const b of p.epochBatches(epoch)) batches.push(b);
      expect(batches.flatMap((b) => b.ids).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      for (const b of batches) expect(b.mask!.shape).toEqual(b.x.shape);
    }
    const cov = p.manifest.coverage();
    expect(cov.epochs.map((e) => [e.seen, e.neverSeen.length])).toEqual([[30, 0], [30, 0]]);
    expect(cov.epochs[0].order).not.toEqual(cov.epochs[1].order);
  });
});
