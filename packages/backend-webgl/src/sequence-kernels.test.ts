import { beforeAll, describe, expect, it, vi } from 'vitest';
import { referenceRnnSequence, tf, useBackend } from '@rnnkit/backend';
import type { RecurrentKernel, RnnSequenceArgs } from '@rnnkit/backend';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs } from '@rnnkit/backend/testing';
import type { CaseOptions } from '@rnnkit/backend/testing';
import { outputsAndGradients, sequenceArgs, sequenceCases } from '../test/sequence-cases.js';
import { gruSequenceKernel, gruSequenceSupports } from './gru-sequence-kernel.js';
import { tfjsGruStepOps } from './gru-step-ops.js';
import { lstmSequenceKernel, lstmSequenceSupports } from './lstm-sequence-kernel.js';
import { tfjsLstmStepOps } from './lstm-step-ops.js';

const kinds: [cell: 'lstm' | 'gru', make: (fallback: RecurrentKernel) => RecurrentKernel, supports: (a: RnnSequenceArgs) => boolean, unsupported: Partial<CaseOptions>[]][] = [
  ['lstm', (fb) => lstmSequenceKernel(tfjsLstmStepOps, fb), lstmSequenceSupports, [{ recurrentActivation: 'hardSigmoid' }, { activation: 'relu' }]],
  ['gru', (fb) => gruSequenceKernel(tfjsGruStepOps, fb), gruSequenceSupports, [{ resetAfter: false }, { recurrentActivation: 'hardSigmoid' }]],
];

beforeAll(async () => {
  await useBackend('cpu', { log: false });
});

for (const [cell, make, supports, unsupported] of kinds) {
  describe(`${cell} sequence kernel (tfjs-op step ops, cpu)`, () => {
    for (const [name, options, inputDropoutOnly] of sequenceCases(cell)) {
      it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
        const c = sequenceArgs(options, inputDropoutOnly);
        const { args } = c;
        expect(supports(args)).toBe(true);
        const fallback = vi.fn(referenceRnnSequence);
        const before = tf.memory().numTensors;
        const ours = outputsAndGradients(make(fallback), c);
        expect(tf.memory().numTensors).toBe(before);
        expect(fallback).not.toHaveBeenCalled();
        const ref = outputsAndGradients(referenceRnnSequence, c);
        expect(maxAbsDiff(ours.outputs, ref.outputs)).toBeLessThan(1e-5);
        expect(maxAbsDiff(ours.states, ref.states)).toBeLessThan(1e-5);
        expect(Object.keys(ours.grads)).toEqual(Object.keys(ref.grads));
        for (const [name, g] of Object.entries(ours.grads)) expect(maxAbsDiff(g, ref.grads[name]), `gradient of ${name}`).toBeLessThan(1e-4);
        disposeArgs(args);
      });
    }

    it('hands what it does not cover to the fallback kernel', () => {
      const fallback = vi.fn(referenceRnnSequence);
      const kernel = make(fallback);
      for (const options of unsupported) {
        const args = toTensorArgs(makeCase({ cell, ...options }));
        expect(supports(args)).toBe(false);
        const r = kernel(args);
        tf.dispose([r.outputs, ...r.states]);
        disposeArgs(args);
      }
      expect(fallback).toHaveBeenCalledTimes(unsupported.length);
    });
  });
}
