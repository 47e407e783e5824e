import type { tf } from '../tfjs.js';
import { ShapeError } from '../errors.js';
import { getAdapter } from '../registry/registry.js';
import { currentBackend } from '../registry/use-backend.js';
import { referenceRnnSequence, referenceRnnSequenceUnchecked } from './reference-sequence.js';
import { assertFinite } from './finite-check.js';
import { formatShape } from './tensor-checks.js';
import type { CellKind, RecurrentKernel, RnnSequenceArgs, RnnSequenceResult } from './types.js';
import { validateRnnSequenceArgs, type SequenceDims } from './validate-sequence.js';

let fastKernelsEnabled = true;

/** Turns the current adapter's fast recurrent kernels on or off (off: the reference runs everywhere). */
export function setFastKernelsEnabled(enabled: boolean): void {
  fastKernelsEnabled = enabled;
}

export function getFastKernelsEnabled(): boolean {
  return fastKernelsEnabled;
}

export interface RnnSequenceOptions {
  /** false: run the reference kernel for this call even if the adapter has a faster one. Default true. */
  useFastKernels?: boolean;
  /**
   * Reads the inputs and the results back to check for NaN and Infinity, and throws a ValueError naming the first
   * non-finite one. Costs a sync read per tensor (slow on GPU backends), so it is off by default; turn it on to
   * find where a NaN first appears.
   */
  checkFinite?: boolean;
}

export interface SelectedKernel {
  kernel: RecurrentKernel;
  /** 'adapter': the selected backend's own kernel; 'reference': rnnkit's composition of tfjs-core ops. */
  source: 'adapter' | 'reference';
  /** The rnnkit backend whose adapter provides it; null for the reference with no backend selected. */
  backend: string | null;
}

/** Which implementation rnnSequence runs for a cell now (fast kernels come from the backend chosen with useBackend). */
export function selectedRecurrentKernel(cell: CellKind, options: RnnSequenceOptions = {}): SelectedKernel {
  const choice = currentBackend();
  const fast = fastKernelsEnabled && options.useFastKernels !== false && choice ? getAdapter(choice.name)?.kernels?.[cell] : undefined;
  if (fast) return { kernel: fast, source: 'adapter', backend: choice!.name };
  return { kernel: referenceRnnSequence, source: 'reference', backend: choice?.name ?? null };
}

/**
 * A recurrent layer's pass over a whole sequence: the entry point layers call. Validates every argument once,
 * then runs the current adapter's kernel for the cell when it has one (and fast kernels are enabled), else
 * the reference. Differentiable with respect to inputs, kernel, recurrentKernel, bias and initialState.
 */
export function rnnSequence(args: RnnSequenceArgs, options: RnnSequenceOptions = {}): RnnSequenceResult {
  const dims = validateRnnSequenceArgs(args);
  if (options.checkFinite) checkInputsFinite(args);
  const selected = selectedRecurrentKernel(args.cell, options);
  const result = selected.source === 'reference' ? referenceRnnSequenceUnchecked(args, dims) : selected.kernel(args);
  try {
    if (selected.source === 'adapter') checkResult(result, args, dims, selected.backend!);
    if (options.checkFinite) checkResultFinite(result, selected);
  } catch (error) {
    disposeResult(result, args);
    throw error;
  }
  return result;
}

function checkInputsFinite(args: RnnSequenceArgs): void {
  const named: Array<[string, tf.Tensor | undefined]> = [
    ['inputs', args.inputs], ['kernel', args.kernel], ['recurrentKernel', args.recurrentKernel], ['bias', args.bias],
    ...args.initialState.map((s, i): [string, tf.Tensor] => [`initialState[${i}]`, s]),
  ];
  for (const [name, t] of named) if (t) assertFinite('rnnSequence', name, t);
}

function checkResultFinite(r: RnnSequenceResult, selected: SelectedKernel): void {
  const op = `rnnSequence (${selected.source === 'adapter' ? `${selected.backend} ` : ''}${selected.source} kernel)`;
  const note = ' (from finite inputs: the recurrence overflowed)';
  assertFinite(op, 'outputs', r.outputs, note);
  r.states.forEach((s, i) => assertFinite(op, `states[${i}]`, s, note));
}

/** Frees what a rejected kernel returned, except tensors the caller passed in. */
function disposeResult(r: RnnSequenceResult | undefined, args: RnnSequenceArgs): void {
  const owned = new Set<tf.Tensor>(args.initialState);
  const produced = [r?.outputs, ...(Array.isArray(r?.states) ? r.states : [])];
  for (const t of produced) if (t && !owned.has(t) && t !== args.inputs) t.dispose();
}

/** A cheap check of an adapter kernel's result, so a broken fast kernel fails here and not three layers later. */
function checkResult(r: RnnSequenceResult, args: RnnSequenceArgs, d: SequenceDims, backend: string): void {
  const op = `rnnSequence (${backend} ${args.cell} kernel)`;
  const expected = args.returnSequences ? [d.batch, d.time, d.units] : [d.batch, d.units];
  const same = (t: tf.Tensor | undefined, shape: number[]) => !!t && t.shape.length === shape.length && t.shape.every((v, i) => v === shape[i]);
  if (!same(r?.outputs, expected)) {
    throw new ShapeError({ op, argument: 'outputs', expected: `shape ${formatShape(expected)}`, got: r?.outputs ? `shape ${formatShape(r.outputs.shape)}` : 'nothing' });
  }
  const count = args.cell === 'lstm' ? 2 : 1;
  if (!Array.isArray(r.states) || r.states.length !== count || !r.states.every((s) => same(s, [d.batch, d.units]))) {
    const got = Array.isArray(r.states) ? r.states.map((s) => formatShape(s.shape)).join(', ') : 'nothing';
    throw new ShapeError({ op, argument: 'states', expected: `${count} of shape ${formatShape([d.batch, d.units])}`, got: got || 'none' });
  }
}
