// Small typed errors: each message names the function, the argument, what was expected and what came.

/** Base class of every error @rnnkit/diagnostics throws. */
export class DiagnosticsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An argument or evidence field has the wrong value, type, shape or length. */
export class InvalidEvidenceError extends DiagnosticsError {
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${fn}: '${argument}' must be ${expected}, got ${got}`);
  }
}

/** Describes a value briefly for error messages (type, length or shape). */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'object') return `an object with keys [${Object.keys(v as object).slice(0, 8).join(', ')}]`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
