// Text lines from a file path (Node), a Node stream, a browser ReadableStream or any (async) iterable of chunks.
// Decoding is streaming, so a file larger than memory is read in bounded memory.
import { InvalidArgumentError, SourceExhaustedError } from '../errors.js';
import { reopenable } from './source.js';

type Chunk = string | Uint8Array;
/** A path or file URL (Node only), a readable stream, or an iterable of string / byte chunks. */
export type LineInputValue = string | URL | ReadableStream<Chunk> | AsyncIterable<Chunk> | Iterable<Chunk>;
/** A value, or a function returning a fresh one (so stream inputs can be read once per epoch). */
export type LineInput = LineInputValue | (() => LineInputValue);

export interface Line {
  text: string;
  /** 1-based. */
  line: number;
}

function isReadableStream(v: unknown): v is ReadableStream<Chunk> {
  return typeof v === 'object' && v !== null && typeof (v as ReadableStream).getReader === 'function';
}

async function* fromReadableStream(stream: ReadableStream<Chunk>): AsyncGenerator<Chunk> {
  // getReader() works in every browser; not all make ReadableStream async-iterable.
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* fromPath(path: string | URL): AsyncGenerator<Chunk> {
  // Imported lazily so the main entry loads in browsers; only a path needs the file system.
  const fs = await import('node:fs');
  yield* fs.createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}

/** Opens the raw chunks of one pass over the input. */
export function openChunks(fn: string, input: LineInput): () => AsyncIterable<Chunk> | Iterable<Chunk> {
  if (typeof input === 'string' || input instanceof URL) {
    const path = input;
    return () => fromPath(path);
  }
  if (typeof input === 'function') {
    return () => {
      const v = input();
      if (typeof v === 'string' || v instanceof URL) return fromPath(v);
      return isReadableStream(v) ? fromReadableStream(v) : v;
    };
  }
  if (isReadableStream(input)) {
    const stream = input;
    let used = false;
    return () => {
      if (used) {
        throw new SourceExhaustedError(`${fn}: the ReadableStream was already read; `
          + 'pass a function that returns a new stream to read it once per epoch');
      }
      used = true;
      return fromReadableStream(stream);
    };
  }
  if (typeof input !== 'object' || input === null) {
    throw new InvalidArgumentError(fn, 'input', 'a file path, URL, stream or iterable of chunks', typeof input);
  }
  return reopenable(fn, input as AsyncIterable<Chunk> | Iterable<Chunk>);
}

/** Splits decoded chunks into lines (LF or CRLF). The last line need not end with a newline. */
export async function* splitLines(chunks: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of chunks as AsyncIterable<Chunk>) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: text.slice(start, end), line: ++line };
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (pending.length > 0) yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line: ++line };
}

/** Lines of a text input, for one pass. */
export function readLines(input: LineInput): AsyncIterable<Line> {
  return splitLines(openChunks('readLines', input)());
}
