// Writes a JSONL file of variable-length token sequences: {"x":[...],"y":0|1} per line, until `bytes` are written.
// Lengths are skewed (most short, a long tail), as real text and sensor data tend to be.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Small deterministic generator so runs are comparable. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateJsonl(path, bytes, { maxLength = 300, vocab = 5000, seed = 1 } = {}) {
  const rand = rng(seed);
  const out = createWriteStream(path);
  let written = 0;
  let samples = 0;
  while (written < bytes) {
    const lines = [];
    for (let k = 0; k < 2000 && written < bytes; k++) {
      const length = Math.max(1, Math.min(maxLength, Math.round(Math.exp(2 + 2.5 * rand() ** 1.5))));
      const x = new Array(length);
      for (let t = 0; t < length; t++) x[t] = 1 + Math.floor(rand() * vocab);
      const line = `{"x":[${x.join(',')}],"y":${rand() < 0.5 ? 0 : 1}}\n`;
      lines.push(line);
      written += line.length;
      samples++;
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, samples };
}
