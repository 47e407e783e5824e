// CSV: one sample per row, parsed by csv-parse. Every row must have every column; values must be numeric.
import { InvalidArgumentError, SampleError, describeValue } from '../errors.js';
import type { RawSample } from '../types.js';
import type { StreamSource } from './source.js';
import { openChunks, type LineInput } from './lines.js';

export interface CsvConfig {
  /** Feature columns, in order. Default: every column except label, id and weight. */
  features?: string[];
  /** Target column. */
  label?: string;
  /** Column with a stable integer id. Default: the row's position (0-based, header not counted). */
  id?: string;
  weight?: string;
  delimiter?: string;
}

const FN = 'csvSource';

/** Samples (x = the feature vector, y = the label) from a CSV file or stream with a header row. */
export function csvSource(input: LineInput, config: CsvConfig = {}): StreamSource {
  const open = openChunks(FN, input);
  return {
    kind: 'stream',
    description: typeof input === 'string' ? `CSV file ${input}` : 'CSV stream',
    open: () => readCsv(open(), config),
  };
}

async function* readCsv(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, c: CsvConfig): AsyncGenerator<RawSample> {
  // Imported lazily: csv-parse pulls in Node's stream module, which only CSV users need.
  const { parse } = await import('csv-parse');
  const parser = parse({ delimiter: c.delimiter ?? ',', info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  const feed = (async () => {
    for await (const chunk of chunks as AsyncIterable<string | Uint8Array>) {
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  })();
  feed.catch((e: unknown) => parser.destroy(e as Error));
  let header: string[] | undefined;
  let plan: ReturnType<typeof planColumns> | undefined;
  let ordinal = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header || !plan) {
      header = record;
      plan = planColumns(header, c);
      continue;
    }
    const id = ordinal++;
    yield rowToSample(record, info.lines, id, header, plan);
  }
  await feed;
}

function planColumns(header: string[], c: CsvConfig): { features: number[]; label?: number; id?: number; weight?: number } {
  const index = (name: string, arg: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new InvalidArgumentError(FN, arg, `a column of the header (${header.join(', ')})`, JSON.stringify(name));
    return i;
  };
  const label = c.label === undefined ? undefined : index(c.label, 'label');
  const id = c.id === undefined ? undefined : index(c.id, 'id');
  const weight = c.weight === undefined ? undefined : index(c.weight, 'weight');
  const features = c.features
    ? c.features.map((f) => index(f, 'features'))
    : header.map((_, i) => i).filter((i) => i !== label && i !== id && i !== weight);
  if (features.length === 0) throw new InvalidArgumentError(FN, 'features', 'at least one feature column', 'none');
  return { features, label, id, weight };
}

function rowToSample(record: string[], line: number, id: number, header: string[], plan: ReturnType<typeof planColumns>): RawSample {
  if (record.length !== header.length) {
    const detail = record.length < header.length
      ? `missing column '${header[record.length]}': expected ${header.length} columns (${header.join(', ')}), got ${record.length}`
      : `expected ${header.length} columns (${header.join(', ')}), got ${record.length}`;
    throw new SampleError(FN, id, line, detail);
  }
  const num = (col: number): number => {
    const raw = record[col];
    const v = raw === '' ? NaN : Number(raw);
    if (Number.isNaN(v)) throw new SampleError(FN, id, line, `column '${header[col]}' must be numeric, got ${describeValue(raw)}`);
    return v;
  };
  const x = new Float32Array(plan.features.length);
  for (let i = 0; i < plan.features.length; i++) x[i] = num(plan.features[i]);
  const s: RawSample = { x, id, line };
  if (plan.label !== undefined) s.y = num(plan.label);
  if (plan.id !== undefined) s.id = num(plan.id);
  if (plan.weight !== undefined) s.weight = num(plan.weight);
  return s;
}
