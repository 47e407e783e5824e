import { beforeAll, describe, expect, it, vi } from 'vitest';
import { referenceRnnSequence, tf, useBackend } from '@rnnkit/backend';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from '@rnnkit/backend/testing';
import { outputsAndGradients, SEQUENCE_CASES, sequenceArgs } from '../test/lstm-cases.js';
import type { CaseOptions } from '@rnnkit/backend/testing';
import { lstmSequenceKernel, lstmSequenceSupports } from './lstm-sequence-kernel.js';
import { tfjsLstmStepOps } from './lstm-step-ops.js';

describe('LSTM sequence kernel (tfjs-op step ops, cpu)', () => {
  beforeAll(async () => {
    await useBackend('cpu', { log: false });
  });

  for (const [name, options, inputDropoutOnly] of SEQUENCE_CASES) {
    it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
      const args = sequenceArgs(options, inputDropoutOnly);
      expect(lstmSequenceSupports(args)).toBe(true);
      const fallback = vi.fn(referenceRnnSequence);
      const before = tf.memory().numTensors;
      const ours = outputsAndGradients(lstmSequenceKernel(tfjsLstmStepOps, fallback), args);
      expect(tf.memory().numTensors).toBe(before);
      expect(fallback).not.toHaveBeenCalled();
      const ref = outputsAndGradients(referenceRnnSequence, args);
      expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-5);
      ours.grads.forEach((g, i) => expect(maxAbsDiff(g, ref.grads[i]), `gradient ${i}`).toBeLessThan(1e-4));
      disposeArgs(args);
    });
  }

  it('hands masks, recurrent dropout and other activations to the fallback kernel', () => {
    const fallback = vi.fn(referenceRnnSequence);
    const kernel = lstmSequenceKernel(tfjsLstmStepOps, fallback);
    for (const options of [{ mask: 'right' }, { dropout: true }, { recurrentActivation: 'hardSigmoid' }, { activation: 'relu' }] as Partial<CaseOptions>[]) {
      const args = toTensorArgs(makeCase({ cell: 'lstm', ...options }));
      expect(lstmSequenceSupports(args)).toBe(false);
      const r = kernel(args);
      tf.dispose([r.outputs, ...r.states]);
      disposeArgs(args);
    }
    expect(fallback).toHaveBeenCalledTimes(4);
  });
});
