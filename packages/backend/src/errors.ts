// Small typed errors. Every message names the op, the argument, what was expected and what came,
// so a user can fix the call without reading rnnkit's source.

export interface ErrorDetails {
  /** The function or kernel that refused the input: 'rnnSequence', 'useBackend'. */
  op: string;
  /** The argument at fault: 'kernel', 'initialState[1]', 'mask'. */
  argument: string;
  /** What was expected, in words: 'shape [4, 12] (features x 3*units)'. */
  expected: string;
  /** What came, in words: 'shape [4, 8]'. */
  got: string;
}

function formatDetails(d: ErrorDetails): string {
  return `${d.op}: ${d.argument} must be ${d.expected}, got ${d.got}`;
}

abstract class DetailedError extends Error {
  readonly op: string;
  readonly argument: string;
  readonly expected: string;
  readonly got: string;

  constructor(details: ErrorDetails) {
    super(formatDetails(details));
    this.op = details.op;
    this.argument = details.argument;
    this.expected = details.expected;
    this.got = details.got;
  }
}

/** A tensor (or list of tensors) has the wrong rank or size. */
export class ShapeError extends DetailedError {
  override readonly name = 'ShapeError';
}

/** A tensor has the wrong dtype (rnnkit's kernels take float32). */
export class DTypeError extends DetailedError {
  override readonly name = 'DTypeError';
}

/** A non-tensor argument is out of range or of the wrong kind (an unknown activation name, a NaN). */
export class ValueError extends DetailedError {
  override readonly name = 'ValueError';
}

/** A backend cannot be used here: not installed, unavailable in this environment, or failed to start. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  /** The backend that was asked for ('webgl'), or 'auto' when no candidate of the chain worked. */
  readonly backend: string;
  /** The command that installs it, when the cause is a missing package. */
  readonly installCommand?: string;

  constructor(message: string, backend: string, options: { installCommand?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.backend = backend;
    if (options.installCommand !== undefined) this.installCommand = options.installCommand;
  }
}
