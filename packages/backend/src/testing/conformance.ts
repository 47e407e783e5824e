// The backend conformance suite: one set of vitest blocks that runs unchanged in Node and in a browser, holding
// every backend (and any fast kernels its adapter registers) to the plain Float64 oracle and to tfjs autodiff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { currentBackend } from '../registry/use-backend.js';
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import { rnnSequence, selectedRecurrentKernel } from '../recurrent/rnn-sequence.js';
import type { CellKind, RnnSequenceArgs } from '../recurrent/types.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from './cases.js';
import { ERROR_CASES } from './conformance-errors.js';
import { GRADIENT_CASES, VALUE_CASES } from './conformance-cases.js';
import { autodiffGradients, backendNumericGradients, lossWeightsFor, relativeError } from './gradients.js';
import { plainRnnSequence } from './plain-rnn.js';
import { BASIC_OP_CASES } from './conformance-ops.js';

export interface ConformanceTolerance {
  /** Max absolute error of basic ops against known values. Default 1e-5. */
  ops?: number;
  /** Max absolute error of recurrent outputs and states against the Float64 oracle. Default 1e-4. */
  values?: number;
  /** Max relative error (norm) of autodiff gradients against float32 central differences. Default 1e-2. */
  finiteDifference?: number;
  /** Max relative error (norm) of rnnSequence's gradients against the reference kernel's on the same backend. Default 1e-3. */
  referenceGradients?: number;
}

export interface ConformanceOptions {
  /** The tfjs backend name the setup must leave active: 'cpu', 'wasm', 'webgl', 'tensorflow'. */
  backend: string;
  /** Selects the backend, usually `() => useBackend('wasm').then(() => undefined)`. */
  setup: () => Promise<void>;
  /** Runs after the suite (e.g. restores a kernel choice the setup changed). */
  teardown?: () => void | Promise<void>;
  /** Names a variant of the backend in the suite's title (e.g. one kernel route of several). */
  variant?: string;
  tolerance?: ConformanceTolerance;
}

const DEFAULTS: Required<ConformanceTolerance> = { ops: 1e-5, values: 1e-4, finiteDifference: 1e-2, referenceGradients: 1e-3 };

/** Runs `body` and asserts it leaves no tensor behind. */
function noLeak<T>(body: () => T): T {
  const before = tf.memory().numTensors;
  const out = body();
  expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
  return out;
}

function runValues(args: RnnSequenceArgs): { outputs: unknown; states: unknown[] } {
  const r = rnnSequence(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
  tf.dispose([r.outputs, ...r.states]);
  return out;
}

/**
 * The same values computed while a gradient tape records (the training path): kernels may take another route
 * when they must keep what backpropagation needs, and both routes must compute the same thing.
 */
function runValuesRecording(args: RnnSequenceArgs): { outputs: unknown; states: unknown[] } {
  let out: { outputs: unknown; states: unknown[] } | undefined;
  tf.tidy(() => {
    tf.grad((inputs: tf.Tensor) => {
      const r = rnnSequence({ ...args, inputs: inputs as tf.Tensor3D });
      out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
      return tf.sum(r.outputs);
    })(args.inputs);
  });
  return out!;
}

/** Declares the suite (describe/it) for one backend. Call at the top level of a vitest test file. */
export function describeBackendConformance(options: ConformanceOptions): void {
  const tol = { ...DEFAULTS, ...options.tolerance };
  describe(`rnnkit backend conformance: ${options.backend}${options.variant ? ` (${options.variant})` : ''}`, () => {
    beforeAll(async () => {
      await options.setup();
    });
    afterAll(async () => {
      expect(tf.getBackend(), 'the backend changed during the suite').toBe(options.backend);
      await options.teardown?.();
    });
    describeSelection(options.backend);
    describeBasicOps(tol);
    describeValues(tol);
    describeGradients(tol);
    describeErrors();
  });
}

function describeSelection(backend: string): void {
  it('leaves tfjs-core on the requested backend (no silent fallback)', () => {
    expect(tf.getBackend()).toBe(backend);
    const choice = currentBackend();
    if (choice) expect(choice.capabilities.tfjsBackend).toBe(backend);
  });

  it('runs the fast kernels the adapter declares', () => {
    const declared = (currentBackend()?.capabilities.fusedKernels ?? []) as CellKind[];
    for (const cell of declared) expect(selectedRecurrentKernel(cell).source, `${cell} kernel`).toBe('adapter');
  });
}

function describeBasicOps(tol: Required<ConformanceTolerance>): void {
  describe('basic ops', () => {
    it.each(BASIC_OP_CASES)('%s', (_name, run, want) => {
      const got = noLeak(() => tf.tidy(() => run().arraySync()));
      expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(tol.ops);
    });
  });
}

function describeValues(tol: Required<ConformanceTolerance>): void {
  describe('recurrent kernels (rnnSequence) against the Float64 oracle', () => {
    it.each(VALUE_CASES)('%s', (_name, o) => {
      const plain = makeCase(o);
      const want = plainRnnSequence(plain);
      const args = toTensorArgs(plain);
      const got = noLeak(() => runValues(args));
      const taped = noLeak(() => runValuesRecording(args));
      disposeArgs(args);
      expect(maxAbsDiff(got.outputs, want.outputs), 'outputs').toBeLessThanOrEqual(tol.values);
      expect(maxAbsDiff(got.states, want.states), 'states').toBeLessThanOrEqual(tol.values);
      expect(maxAbsDiff(taped.outputs, want.outputs), 'outputs under a gradient tape').toBeLessThanOrEqual(tol.values);
      expect(maxAbsDiff(taped.states, want.states), 'states under a gradient tape').toBeLessThanOrEqual(tol.values);
    });
  });
}

function describeGradients(tol: Required<ConformanceTolerance>): void {
  describe('recurrent kernel gradients', () => {
    it.each(GRADIENT_CASES)('%s: autodiff against central differences and against the reference kernel', (_name, o) => {
      const plain = makeCase(o);
      const w = lossWeightsFor(plain);
      const args = toTensorArgs(plain);
      const grads = noLeak(() => autodiffGradients(rnnSequence, args, w));
      const reference = noLeak(() => autodiffGradients(referenceRnnSequence, args, w));
      const numeric = noLeak(() => backendNumericGradients(rnnSequence, args, w));
      disposeArgs(args);
      for (const name of Object.keys(numeric)) {
        expect(relativeError(grads[name], numeric[name]), `${name} vs central differences`).toBeLessThan(tol.finiteDifference);
        expect(relativeError(grads[name], reference[name]), `${name} vs reference kernel`).toBeLessThan(tol.referenceGradients);
      }
    });
  });
}

function describeErrors(): void {
  describe('errors for wrong shapes and dtypes', () => {
    it.each(ERROR_CASES)('%s', (_name, make, type, message) => {
      const base = toTensorArgs(makeCase({ cell: 'lstm', batch: 2, time: 4, features: 3, units: 3 }));
      const owned: tf.Tensor[] = [];
      const args = make(base, (t) => {
        owned.push(t);
        return t as never;
      });
      const before = tf.memory().numTensors;
      let error: unknown;
      try {
        rnnSequence(args as RnnSequenceArgs);
      } catch (e) {
        error = e;
      }
      expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
      tf.dispose(owned);
      disposeArgs(base);
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).toBe(message);
    });
  });
}
