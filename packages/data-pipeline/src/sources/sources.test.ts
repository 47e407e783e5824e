import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EmptyDatasetError, SampleError, SourceExhaustedError } from '../errors.js';
import { createPipeline } from '../pipeline.js';
import type { RawSample } from '../types.js';
import { csvSource } from './csv.js';
import { jsonlSource } from './jsonl.js';
import { readLines } from './lines.js';
import { textLineSource } from './text.js';
import { createTokenizer } from '../tokenizer.js';
import { fromArray, fromArrays, fromAsyncIterable, loadSource, type StreamSource } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnkit-dp-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readLines', () => {
  it('splits LF and CRLF across chunk borders, including multi-byte characters split between chunks', async () => {
    const b = bytes('ab\r\nc€d\n\nlast');
    const chunks = [b.slice(0, 3), b.slice(3, 6), b.slice(6)];
    expect(await all(readLines(chunks))).toEqual([
      { text: 'ab', line: 1 }, { text: 'c€d', line: 2 }, { text: '', line: 3 }, { text: 'last', line: 4 },
    ]);
  });

  it('reads files, Node streams and browser ReadableStreams', async () => {
    const expected = ['1', '2'];
    expect((await all(readLines(file('l.txt', '1\n2\n')))).map((l) => l.text)).toEqual(expected);
    expect((await all(readLines(Readable.from([Buffer.from('1\n2')])))).map((l) => l.text)).toEqual(expected);
    const rs = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes('1\n')); c.enqueue(bytes('2\n')); c.close(); } });
    expect((await all(readLines(rs))).map((l) => l.text)).toEqual(expected);
  });
});

describe('jsonlSource', () => {
  it('reads objects and bare arrays, numbering samples and keeping line numbers', async () => {
    const src = jsonlSource(file('a.jsonl', '{"x":[1,2],"y":1,"id":5}\n\n{"x":[3],"y":0,"id":"a"}\n'), { id: 'id' });
    await expect(all(src.open())).rejects.toThrow('jsonlSource: sample 1 (line 3): field \'id\' must be an integer id, got string "a"');
    const plain = await all(jsonlSource(file('b.jsonl', '{"x":[1,2],"y":1}\n\n[3]\n')).open());
    expect(plain).toEqual([{ x: [1, 2], y: 1, id: 0, line: 1 }, { x: [3], id: 1, line: 3 }]);
  });

  it('re-reads a file every epoch; a one-shot stream fails loudly on the second pass', async () => {
    const src = jsonlSource(file('c.jsonl', '[1]\n[2]\n'));
    expect((await all(src.open())).length).toBe(2);
    expect((await all(src.open())).length).toBe(2);
    const once = jsonlSource(Readable.from(['[1]\n']));
    await all(once.open());
    await expect(all(once.open())).rejects.toThrow(SourceExhaustedError);
    const fresh = jsonlSource(() => Readable.from(['[1]\n']));
    await all(fresh.open());
    expect((await all(fresh.open())).length).toBe(1);
  });

  it('bad lines name the sample id and line', async () => {
    await expect(all(jsonlSource(file('d.jsonl', '[1]\n{"x":[1,\n')).open())).rejects.toThrow(/^jsonlSource: sample 1 \(line 2\): invalid JSON/);
    await expect(all(jsonlSource(file('e.jsonl', '\n{"z":[1]}\n')).open())).rejects.toThrow("jsonlSource: sample 0 (line 2): missing field 'x' (fields: z)");
  });

  it('a non-numeric token and ragged feature sizes in a pipeline name the sample and its line', async () => {
    const tokens = createPipeline({ source: jsonlSource(file('f.jsonl', '[1,2]\n[3,"a"]\n')), sequence: true, batchSize: 4 });
    await expect(all(tokens.epochBatches(0))).rejects.toThrow('pipeline: sample 1 (line 2): step 1: expected a number, got string "a"');
    const ragged = createPipeline({ source: jsonlSource(file('g.jsonl', '[[1,2]]\n\n[[3,4],[5]]\n')), sequence: { dtype: 'float32' }, batchSize: 4 });
    await expect(all(ragged.epochBatches(0))).rejects.toThrow(
      'pipeline: sample 1 (line 3): ragged feature sizes: step 1 must have 2 features (as earlier steps and samples), got length 1');
    const mixed = createPipeline({ source: jsonlSource(file('h.jsonl', '[[1,2]]\n[3]\n')), sequence: true, batchSize: 4 });
    await expect(all(mixed.epochBatches(0))).rejects.toThrow(
      'pipeline: sample 1 (line 2): ragged feature sizes: expected 2 features per step, got a token sequence (one number per step)');
  });
});

describe('csvSource', () => {
  it('reads feature vectors and labels through csv-parse', async () => {
    const src = csvSource(file('a.csv', 'a,b,label\n1,2,0\n\n3.5,4,1\n'), { label: 'label' });
    const rows = await all(src.open());
    expect(rows).toEqual([
      { x: new Float32Array([1, 2]), y: 0, id: 0, line: 2 },
      { x: new Float32Array([3.5, 4]), y: 1, id: 1, line: 4 },
    ]);
  });

  it('a row with a missing column is an error with its sample id and line', async () => {
    const src = csvSource(file('b.csv', 'a,b,label\n1,2,0\n3,4\n'), { label: 'label' });
    await expect(all(src.open())).rejects.toThrow(
      "csvSource: sample 1 (line 3): missing column 'label': expected 3 columns (a, b, label), got 2");
    const extra = csvSource(file('c.csv', 'a,b\n1,2,3\n'));
    await expect(all(extra.open())).rejects.toThrow('csvSource: sample 0 (line 2): expected 2 columns (a, b), got 3');
    const text = csvSource(file('d.csv', 'a,b\n1,x\n'));
    await expect(all(text.open())).rejects.toThrow('csvSource: sample 0 (line 2): column \'b\' must be numeric, got string "x"');
    const unknown = csvSource(file('e.csv', 'a,b\n1,2\n'), { label: 'y' });
    await expect(all(unknown.open())).rejects.toThrow("csvSource: 'label' must be a column of the header (a, b), got \"y\"");
  });
});

describe('memory and iterable sources', () => {
  it('fromArrays zips parallel arrays and checks their lengths', () => {
    const s = fromArrays({ x: [[1], [2]], y: [0, 1] });
    expect(s.get(1)).toEqual({ x: [2], y: 1, weight: undefined, id: undefined });
    expect(() => fromArrays({ x: [[1], [2]], y: [0] })).toThrow("fromArrays: 'y' must be length 2 (the length of x), got length 1");
  });

  it('empty datasets are errors', async () => {
    expect(() => fromArray([])).toThrow(EmptyDatasetError);
    const empty = createPipeline({ source: fromAsyncIterable(() => []), batchSize: 2 });
    await expect(all(empty.epochBatches(0))).rejects.toThrow("epochBatches: source 'async iterable' is empty; expected at least one sample, got 0");
  });

  it('a one-shot generator can be read once; a factory every epoch', async () => {
    async function* gen(): AsyncGenerator<RawSample> { yield { x: [1] }; }
    const once: StreamSource = fromAsyncIterable(gen());
    expect((await loadSource(once)).length).toBe(1);
    await expect(loadSource(once)).rejects.toThrow('fromAsyncIterable: the source is a one-shot iterator and was already read');
  });

  it('a full shuffle needs a memory source', () => {
    expect(() => createPipeline({ source: fromAsyncIterable(() => []), shuffle: { seed: 1 }, batchSize: 1 }))
      .toThrow("createPipeline: 'shuffle' must be { seed, bufferSize } for a stream source (async iterable); a full shuffle needs a memory source, got { seed }");
  });
});

describe('textLineSource', () => {
  it('tokenises each non-blank line into a sample, keeping ids and lines', async () => {
    const tok = createTokenizer().fitOnTexts(['a b', 'b c']);
    const src = textLineSource(file('t.txt', 'a b\n\nc\n'), (text) => ({ x: tok.textsToSequences([text])[0] }));
    expect(await all(src.open())).toEqual([{ id: 0, line: 1, x: [3, 2] }, { id: 1, line: 3, x: [4] }]);
  });

  it('a parser error names the sample and line', async () => {
    const src = textLineSource(file('u.txt', '1\nx\n'), (text) => {
      if (!/^\d+$/.test(text)) throw new Error(`not a number: ${text}`);
      return { x: [Number(text)] };
    });
    await expect(all(src.open())).rejects.toThrow('textLineSource: sample 1 (line 2): toSample threw: not a number: x');
  });
});
