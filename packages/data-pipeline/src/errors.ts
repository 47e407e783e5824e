// Small typed errors: each message names the function, the argument or sample, what was expected and what came.

/** Base class of every error @rnnkit/data-pipeline throws. */
export class DataPipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A function argument or config field has the wrong value. */
export class InvalidArgumentError extends DataPipelineError {
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${fn}: '${argument}' must be ${expected}, got ${got}`);
  }
}

/** One sample (or one line of a file) is malformed; carries the sample id and, when known, the 1-based line. */
export class SampleError extends DataPipelineError {
  constructor(
    readonly fn: string,
    readonly sampleId: number,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${fn}: ${describeSample(sampleId, line)}: ${detail}`);
  }
}

/** A dataset, source or split has no samples where at least one is needed. */
export class EmptyDatasetError extends DataPipelineError {
  constructor(readonly fn: string, what: string) {
    super(`${fn}: ${what} is empty; expected at least one sample, got 0`);
  }
}

/** A stream source that can be read only once was asked for a second pass. */
export class SourceExhaustedError extends DataPipelineError {}

export function describeSample(sampleId: number, line: number | undefined): string {
  return line === undefined ? `sample ${sampleId}` : `sample ${sampleId} (line ${line})`;
}

/** Short, bounded description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `${v}`;
  if (Array.isArray(v)) return `array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  return typeof v;
}
