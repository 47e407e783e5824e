import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf } from '../tfjs.js';
import { ShapeError } from '../errors.js';
import { fakeAdapter } from '../registry/__fixtures__/fake-adapters.js';
import { registerAdapter, resetRegistryForTests } from '../registry/registry.js';
import { resetCurrentBackendForTests, useBackend } from '../registry/use-backend.js';
import { disposeArgs, makeCase, toTensorArgs } from '../testing/cases.js';
import { referenceRnnSequence } from './reference-sequence.js';
import { rnnSequence, selectedRecurrentKernel, setFastKernelsEnabled } from './rnn-sequence.js';
import type { RnnSequenceArgs } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(async () => {
  setFastKernelsEnabled(true);
  resetRegistryForTests();
  resetCurrentBackendForTests();
  await tf.setBackend('cpu');
});

/** An adapter whose lstm "fast kernel" is the reference plus 1, so we can see which one ran. */
async function useMarkedAdapter(result?: (a: RnnSequenceArgs) => ReturnType<typeof referenceRnnSequence>) {
  const kernel = vi.fn(result ?? ((a: RnnSequenceArgs) => tf.tidy(() => {
    const r = referenceRnnSequence(a);
    return { outputs: tf.add(r.outputs, 1), states: r.states };
  }) as ReturnType<typeof referenceRnnSequence>));
  registerAdapter({ ...fakeAdapter({ name: 'fast' }), kernels: { lstm: kernel }, capabilities: () => ({ tfjsBackend: 'cpu', fusedKernels: ['lstm'] }) });
  await useBackend('fast', { log: false });
  return kernel;
}

function outputs(args: RnnSequenceArgs, options?: { useFastKernels?: boolean }): number[][] {
  const r = rnnSequence(args, options);
  const v = r.outputs.arraySync() as number[][];
  tf.dispose([r.outputs, ...r.states]);
  return v;
}

describe('rnnSequence dispatch', () => {
  it('runs the reference when no backend was selected', () => {
    const args = toTensorArgs(makeCase({ cell: 'lstm' }));
    expect(selectedRecurrentKernel('lstm')).toMatchObject({ source: 'reference', backend: null });
    const want = referenceRnnSequence(args);
    expect(outputs(args)).toEqual(want.outputs.arraySync());
    tf.dispose([want.outputs, ...want.states]);
    disposeArgs(args);
  });

  it("runs the selected adapter's kernel for its cells, the reference for the others", async () => {
    const kernel = await useMarkedAdapter();
    const lstm = toTensorArgs(makeCase({ cell: 'lstm' }));
    const gru = toTensorArgs(makeCase({ cell: 'gru' }));
    const ref = referenceRnnSequence(lstm);
    const refValues = ref.outputs.arraySync() as number[][];
    expect(selectedRecurrentKernel('lstm')).toMatchObject({ source: 'adapter', backend: 'fast' });
    expect(selectedRecurrentKernel('gru')).toMatchObject({ source: 'reference', backend: 'fast' });
    const before = tf.memory().numTensors;
    expect(outputs(lstm)).toEqual(refValues.map((row) => row.map((v) => Math.fround(v + 1))));
    expect(tf.memory().numTensors).toBe(before);
    expect(kernel).toHaveBeenCalledTimes(1);
    outputs(gru);
    expect(kernel).toHaveBeenCalledTimes(1);
    tf.dispose([ref.outputs, ...ref.states]);
    disposeArgs(lstm);
    disposeArgs(gru);
  });

  it('runs the reference when fast kernels are disabled, globally or per call', async () => {
    const kernel = await useMarkedAdapter();
    const args = toTensorArgs(makeCase({ cell: 'lstm' }));
    outputs(args, { useFastKernels: false });
    setFastKernelsEnabled(false);
    expect(selectedRecurrentKernel('lstm').source).toBe('reference');
    outputs(args);
    expect(kernel).not.toHaveBeenCalled();
    disposeArgs(args);
  });

  it('validates before any implementation runs', async () => {
    const kernel = await useMarkedAdapter();
    const args = toTensorArgs(makeCase({ cell: 'lstm' }));
    const bad = tf.zeros([3, 5]) as tf.Tensor2D;
    expect(() => rnnSequence({ ...args, kernel: bad })).toThrow(ShapeError);
    expect(kernel).not.toHaveBeenCalled();
    bad.dispose();
    disposeArgs(args);
  });

  it("rejects an adapter kernel's result of the wrong shape", async () => {
    await useMarkedAdapter((a) => ({ outputs: tf.zeros([2, 3]), states: a.initialState }));
    const args = toTensorArgs(makeCase({ cell: 'lstm' }));
    const before = tf.memory().numTensors;
    expect(() => rnnSequence(args)).toThrow('rnnSequence (fast lstm kernel): outputs must be shape [2, 2], got shape [2, 3]');
    expect(tf.memory().numTensors).toBe(before);
    disposeArgs(args);
  });
});

describe('rnnSequence checkFinite', () => {
  it('names the input that holds NaN or Infinity, without leaking', () => {
    const args = toTensorArgs(makeCase({ cell: 'gru' }));
    const bad = tf.tensor2d([[0, NaN, 0, 0, 0, Infinity], [0, 0, NaN, 0, 0, 0]]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    expect(() => rnnSequence({ ...args, recurrentKernel: bad }, { checkFinite: true })).toThrow(
      'rnnSequence: recurrentKernel must be all finite, got 2 NaN and 1 infinite of 12',
    );
    expect(tf.memory().numTensors).toBe(before);
    bad.dispose();
    disposeArgs(args);
  });

  it('catches a recurrence that overflows from finite inputs, and passes finite results through', () => {
    const plain = makeCase({ cell: 'simpleRNN', activation: 'linear', time: 6, bias: false });
    plain.recurrentKernel = plain.recurrentKernel.map((row) => row.map(() => 3e37));
    const args = toTensorArgs(plain);
    const before = tf.memory().numTensors;
    expect(() => rnnSequence(args, { checkFinite: true })).toThrow(/^rnnSequence \(reference kernel\): outputs must be all finite, got \d+ NaN and \d+ infinite of 4 \(from finite inputs: the recurrence overflowed\)$/);
    expect(tf.memory().numTensors).toBe(before);
    disposeArgs(args);
    const ok = toTensorArgs(makeCase({ cell: 'lstm' }));
    const r = rnnSequence(ok, { checkFinite: true });
    expect(r.outputs.shape).toEqual([2, 2]);
    tf.dispose([r.outputs, ...r.states]);
    disposeArgs(ok);
  });
});
