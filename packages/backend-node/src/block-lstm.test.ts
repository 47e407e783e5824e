import { beforeAll, describe, expect, it, vi } from 'vitest';
import { referenceRnnSequence, tf, useBackend } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import { autodiffGradients, disposeArgs, lossWeightsFor, makeCase, maxAbsDiff, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions, PlainRnnArgs } from '@rnnkit/backend/testing';
import { blockLstmKernel, blockLstmSupports } from './block-lstm.js';
import { enableBlockLstm, nodeAdapter } from './index.js';
import { blockLstmDecision, UNSAFE_BLOCK_LSTM_WARNING } from './node-adapter.js';
import { resolveTfjsNode } from './tfjs-node-probe.js';
import { describeIfTensorflow as suite } from '../test/tensorflow-tests.js';

/** Outputs, final states and autodiff gradients of every parameter (for the case's fixed loss weights). */
function run(kernel: RecurrentKernel, args: RnnSequenceArgs, plain: PlainRnnArgs) {
  const r = kernel(args);
  const out = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()), grads: autodiffGradients(kernel, args, lossWeightsFor(plain)) };
  tf.dispose([r.outputs, ...r.states]);
  return out;
}

suite('LSTM on TensorFlow BlockLSTMV2', () => {
  beforeAll(async () => {
    await useBackend('tensorflow', { log: false });
  });

  const cases: [string, CaseOptions, boolean][] = [
    ['last output', { cell: 'lstm', time: 5, units: 3 }, false],
    ['returnSequences, goBackwards', { cell: 'lstm', time: 4, returnSequences: true, goBackwards: true }, false],
    ['input dropout', { cell: 'lstm', time: 3, dropout: true, returnSequences: true }, true],
    ['one step', { cell: 'lstm', time: 1, units: 4 }, false],
  ];
  for (const [name, options, inputDropoutOnly] of cases) {
    it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
      const plain = makeCase({ ...options, seed: 7 });
      if (inputDropoutOnly) delete plain.recurrentDropoutMask;
      const args = toTensorArgs(plain);
      expect(blockLstmSupports(args)).toBe(true);
      const fallback = vi.fn(referenceRnnSequence);
      const kernel = blockLstmKernel(resolveTfjsNode, fallback);
      const before = tf.memory().numTensors;
      const ours = run(kernel, args, plain);
      expect(tf.memory().numTensors).toBe(before);
      expect(fallback).not.toHaveBeenCalled();
      const ref = run(referenceRnnSequence, args, plain);
      expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-5);
      expect(Object.keys(ours.grads)).toEqual(Object.keys(ref.grads));
      for (const [name, g] of Object.entries(ours.grads)) expect(maxAbsDiff(g, ref.grads[name]), `gradient of ${name}`).toBeLessThan(1e-4);
      disposeArgs(args);
    });
  }

  it('hands masks, recurrent dropout and other activations to the fallback kernel', () => {
    const fallback = vi.fn(referenceRnnSequence);
    const kernel = blockLstmKernel(resolveTfjsNode, fallback);
    for (const options of [{ mask: 'right' }, { dropout: true }, { recurrentActivation: 'hardSigmoid' }, { activation: 'relu' }] as Partial<CaseOptions>[]) {
      const args = toTensorArgs(makeCase({ cell: 'lstm', ...options }));
      expect(blockLstmSupports(args)).toBe(false);
      const r = kernel(args);
      tf.dispose([r.outputs, ...r.states]);
      disposeArgs(args);
    }
    expect(fallback).toHaveBeenCalledTimes(4);
  });

  it("is the adapter's LSTM kernel by default where it is signal-safe; enableBlockLstm(false) opts out", () => {
    const backend = tf.backend() as unknown as { executeMultipleOutputs: (name: string, ...rest: unknown[]) => tf.Tensor[] };
    const spy = vi.spyOn(backend, 'executeMultipleOutputs');
    const nativeCalls = () => spy.mock.calls.filter(([name]) => name === 'BlockLSTMV2').length;
    const args = toTensorArgs(makeCase({ cell: 'lstm', time: 4, units: 3, seed: 3 }));
    const runOnce = () => {
      const r = nodeAdapter.kernels!.lstm!(args);
      const values = r.outputs.arraySync();
      tf.dispose([r.outputs, ...r.states]);
      return values;
    };
    const warn = vi.fn();
    try {
      // The adapter loaded TensorFlow with Eigen's own contraction kernel (eigen-contraction.ts).
      expect(nodeAdapter.capabilities().details).toMatchObject({ eigenContractionKernel: true, blockLstm: true });
      const native = runOnce();
      expect(nativeCalls()).toBe(1);
      enableBlockLstm(false, warn);
      expect(nodeAdapter.capabilities().details?.blockLstm).toBe(false);
      const fused = runOnce();
      expect(nativeCalls()).toBe(1);
      expect(maxAbsDiff(native, fused)).toBeLessThan(1e-5);
      enableBlockLstm(true, warn);
      runOnce();
      expect(nativeCalls()).toBe(2);
      // Safe here, so no warning.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      enableBlockLstm('auto');
      spy.mockRestore();
      disposeArgs(args);
    }
  });
});

describe('blockLstmDecision', () => {
  it('follows the user, else signal safety, and warns once where the user forces it on unsafely', () => {
    for (const signalSafe of [false, true]) {
      expect(blockLstmDecision({ choice: undefined, signalSafe, warned: false })).toEqual({ use: signalSafe, warn: false });
      expect(blockLstmDecision({ choice: false, signalSafe, warned: false })).toEqual({ use: false, warn: false });
    }
    expect(blockLstmDecision({ choice: true, signalSafe: true, warned: false })).toEqual({ use: true, warn: false });
    expect(blockLstmDecision({ choice: true, signalSafe: false, warned: false })).toEqual({ use: true, warn: true });
    expect(blockLstmDecision({ choice: true, signalSafe: false, warned: true })).toEqual({ use: true, warn: false });
  });

  it('says what is unsafe and the two ways out', () => {
    expect(UNSAFE_BLOCK_LSTM_WARNING).toContain("BlockLSTMV2 multiplies with oneDNN's JIT sgemm in this process");
    expect(UNSAFE_BLOCK_LSTM_WARNING).toContain('TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL=false');
    expect(UNSAFE_BLOCK_LSTM_WARNING).toContain('ONEDNN_MAX_CPU_ISA=SSE41');
  });
});
