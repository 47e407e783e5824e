// JSONL: one JSON value per line, each a sample object ({"x": [...], "y": 1}) or a bare array (the x).
import { SampleError, describeValue } from '../errors.js';
import type { RawSample } from '../types.js';
import type { StreamSource } from './source.js';
import { openChunks, splitLines, type LineInput } from './lines.js';

export interface JsonlConfig {
  /** Field holding the input sequence. Default 'x'. */
  x?: string;
  /** Field holding the target; null for none. Default 'y' (read when present). */
  y?: string | null;
  /** Field holding a stable integer id. Default: the sample's position (0-based, blank lines not counted). */
  id?: string;
  /** Field holding a sample weight. */
  weight?: string;
}

const FN = 'jsonlSource';

/** Samples from a JSONL file or stream. Blank lines are not samples; every other line must parse. */
export function jsonlSource(input: LineInput, config: JsonlConfig = {}): StreamSource {
  const open = openChunks(FN, input);
  const xKey = config.x ?? 'x';
  const yKey = config.y === undefined ? 'y' : config.y;
  const description = typeof input === 'string' ? `JSONL file ${input}` : 'JSONL stream';
  return {
    kind: 'stream',
    description,
    async *open() {
      let ordinal = 0;
      for await (const { text, line } of splitLines(open())) {
        if (text.trim() === '') continue;
        const id = ordinal++;
        yield parseJsonlLine(text, line, id, xKey, yKey, config);
      }
    },
  };
}

function parseJsonlLine(text: string, line: number, id: number, xKey: string, yKey: string | null, c: JsonlConfig): RawSample {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new SampleError(FN, id, line, `invalid JSON (${(e as Error).message})`);
  }
  if (Array.isArray(v)) {
    if (c.id !== undefined) throw new SampleError(FN, id, line, `expected an object with id field '${c.id}', got an array`);
    return { x: v, id, line };
  }
  if (v === null || typeof v !== 'object') {
    throw new SampleError(FN, id, line, `expected an object with field '${xKey}' or an array, got ${describeValue(v)}`);
  }
  const o = v as Record<string, unknown>;
  if (!(xKey in o)) throw new SampleError(FN, id, line, `missing field '${xKey}' (fields: ${Object.keys(o).join(', ') || 'none'})`);
  const s: RawSample = { x: o[xKey] as RawSample['x'], id, line };
  if (yKey !== null && o[yKey] !== undefined) s.y = o[yKey] as RawSample['y'];
  if (c.id !== undefined) {
    const uid = o[c.id];
    if (!Number.isInteger(uid)) throw new SampleError(FN, id, line, `field '${c.id}' must be an integer id, got ${describeValue(uid)}`);
    s.id = uid as number;
  }
  if (c.weight !== undefined) {
    const w = o[c.weight];
    if (typeof w !== 'number' || Number.isNaN(w)) throw new SampleError(FN, id, line, `field '${c.weight}' must be a number, got ${describeValue(w)}`);
    s.weight = w;
  }
  return s;
}
