// Seeded buffer shuffle with tf.data semantics: fill a buffer of bufferSize, then emit a random buffer element and
// put the next input in its place; drain the rest in random order at the end.
import { shuffleInPlace, type Rng } from './random.js';

export async function* bufferShuffle<T>(items: AsyncIterable<T> | Iterable<T>, bufferSize: number, rng: Rng): AsyncGenerator<T> {
  const buf: T[] = [];
  for await (const item of items as AsyncIterable<T>) {
    if (buf.length < bufferSize) {
      buf.push(item);
      continue;
    }
    const j = rng.int(bufferSize);
    const out = buf[j];
    buf[j] = item;
    yield out;
  }
  shuffleInPlace(buf, rng);
  yield* buf;
}

/**
 * Watches a key (sequence length, label) in source order and says whether the source looks sorted by it:
 * almost no descents (or almost no ascents) between neighbours while the key does change.
 */
export class SortednessProbe {
  private prev: number | undefined;
  private ascents = 0;
  private descents = 0;

  observe(key: number): void {
    if (this.prev !== undefined) {
      if (key > this.prev) this.ascents++;
      else if (key < this.prev) this.descents++;
    }
    this.prev = key;
  }

  looksSorted(): boolean {
    const changes = this.ascents + this.descents;
    return changes > 0 && Math.min(this.ascents, this.descents) <= 0.01 * changes;
  }
}
