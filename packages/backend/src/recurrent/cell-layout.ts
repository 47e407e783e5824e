import type { CellKind } from './types.js';

/** Gates per cell, in Keras order: lstm i,f,c,o; gru z,r,h. */
export const GATES: Readonly<Record<CellKind, number>> = { simpleRNN: 1, lstm: 4, gru: 3 };

/** State tensors per cell: lstm carries [h, c]; the others [h]. */
export const STATE_NAMES: Readonly<Record<CellKind, readonly string[]>> = { simpleRNN: ['h'], lstm: ['h', 'c'], gru: ['h'] };

export const CELL_KINDS = Object.keys(GATES) as CellKind[];

export function isCellKind(value: unknown): value is CellKind {
  return typeof value === 'string' && (CELL_KINDS as string[]).includes(value);
}
