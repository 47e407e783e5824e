// The text of model.summary() for sequential and functional models, with tfjs-layers' argument forms.
import { LayerError } from '../errors.js';

export type SummaryPrint = (line: string) => void;

/** One table row: the cells of the columns, in order. */
export type SummaryRow = string[];

export interface SummaryTable {
  modelName: string;
  headers: string[];
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
}

/**
 * tfjs-layers' `summary(lineLength?, positions?, printFn?)`, and rnnkit's shorter `summary(printFn)`.
 * positions are column stops: fractions of lineLength when every one is at most 1, else character counts.
 */
export function summaryArguments(first?: number | SummaryPrint, positions?: number[], printFn?: SummaryPrint): { lineLength?: number; positions?: number[]; print: SummaryPrint } {
  if (typeof first === 'function') return { print: first };
  if (first !== undefined && !(Number.isInteger(first) && first > 0)) throw new LayerError(`summary: lineLength must be a positive integer, got ${String(first)}`);
  return { lineLength: first, positions, print: printFn ?? console.log };
}

export function summaryText(table: SummaryTable, lineLength?: number, positions?: number[]): string {
  const cols = table.headers.length;
  if (positions && positions.length !== cols) {
    throw new LayerError(`summary: positions has ${positions.length} column stops, this table has ${cols} columns (${table.headers.join(', ')})`);
  }
  let stops: number[];
  if (lineLength !== undefined || positions) {
    const width = lineLength ?? 98;
    const given = positions ?? table.headers.map((_, i) => (i + 1) / cols);
    stops = given.every((p) => p <= 1) ? given.map((p) => Math.floor(p * width)) : given;
  } else {
    // Each column as wide as its widest cell plus two spaces (the last one needs no padding).
    const widths = table.headers.map((h, c) => Math.max(h.length, ...table.rows.map((r) => r[c].length)) + 2);
    stops = widths.map((_, i) => widths.slice(0, i + 1).reduce((a, b) => a + b, 0));
  }
  const line = (cells: string[]) => {
    let out = '';
    cells.forEach((cell, c) => {
      // A cell that does not fit its column is cut, as in tfjs-layers, leaving one space before the next column.
      const room = stops[c] - out.length;
      out += c === cols - 1 ? cell : cell.length < room ? cell.padEnd(room) : cell.slice(0, Math.max(0, room - 1)) + ' ';
    });
    return out.trimEnd();
  };
  const rule = (ch: string) => ch.repeat(stops[cols - 1] ?? 0);
  return [
    `Model: "${table.modelName}"`,
    rule('_'),
    line(table.headers),
    rule('='),
    ...table.rows.map(line),
    rule('='),
    `Total params: ${table.totalParams}`,
    `Trainable params: ${table.trainableParams}`,
    `Non-trainable params: ${table.totalParams - table.trainableParams}`,
    rule('_'),
  ].join('\n');
}
