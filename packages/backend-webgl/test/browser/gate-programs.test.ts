// The gate programs and the tensor-fused kernels on real WebGL (SwiftShader in CI): every program gives the same
// numbers as the tfjs-op gate operations, the kernels the same values and gradients as the reference, and
// rnnSequence on webgl selects them.
import { beforeAll, describe, expect, it } from 'vitest';
import { rnnSequence, selectedRecurrentKernel, tensorFusedKernels, tf, tfjsGateOps, useBackend } from '@rnnkit/backend';
import type { GateActivations, GateOps } from '@rnnkit/backend';
import { compareWithReference, disposeArgs, makeCase, maxAbsDiff, SEQUENCE_KERNEL_VARIANTS, sequenceKernelCases, toTensorArgs } from '@rnnkit/backend/testing';
import { webglAdapter, webglGateOps } from '../../src/index.js';
import { GATE_PROGRAMS } from '../../src/webgl-gate-ops.js';

beforeAll(async () => {
  await useBackend('webgl', { log: false });
});

const B = 3, U = 4;
// Per operation, the widths (in units) of its [B, ·] inputs; a width of 0 is the step mask [B, 1].
const INPUTS: Record<Exclude<keyof GateOps, 'supports'>, number[]> = {
  lstmForward: [4, 1, 1, 0],
  lstmBackward: [4, 1, 1, 1, 0],
  gruForward: [3, 3, 1, 0],
  gruBackward: [3, 3, 1, 1, 0],
  gruResetGate: [3, 2, 1],
  gruForwardResetBefore: [3, 2, 1, 1, 0],
  gruBackwardResetBefore: [3, 2, 1, 1, 1, 0],
  gruResetGateBackward: [3, 2, 1, 1, 3],
  simpleForward: [1, 1, 0],
  simpleBackward: [1, 1, 0],
};
const PAIRS: GateActivations[] = [
  { activation: 'tanh', recurrentActivation: 'sigmoid' },
  { activation: 'relu', recurrentActivation: 'hardSigmoid' },
  { activation: 'linear', recurrentActivation: 'relu6' },
  { activation: 'sigmoid', recurrentActivation: 'tanh' },
];

describe('webgl gate programs', () => {
  it('runs on webgl; rnnSequence selects the adapter\'s tensor-fused kernels for every cell', () => {
    expect(tf.getBackend()).toBe('webgl');
    expect(webglAdapter.capabilities().fusedKernels).toEqual(['simpleRNN', 'lstm', 'gru']);
    for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
      expect(selectedRecurrentKernel(cell)).toMatchObject({ source: 'adapter', backend: 'webgl', kernel: webglAdapter.kernels![cell] });
    }
    for (const spec of GATE_PROGRAMS) expect(tf.getKernel(spec.kernelName, 'webgl'), spec.kernelName).toBeTruthy();
  });

  it('rnnSequence on webgl runs one gate program per step each way (two for a resetAfter=false GRU)', async () => {
    const T = 5;
    for (const [cell, resetAfter, forward, backward] of [
      ['simpleRNN', undefined, ['RnnkitSimpleRnnActivation'], ['RnnkitSimpleRnnActivationBackward']],
      ['lstm', undefined, ['RnnkitLstmGates'], ['RnnkitLstmGatesBackward']],
      ['gru', true, ['RnnkitGruGates'], ['RnnkitGruGatesBackward']],
      ['gru', false, ['RnnkitGruResetGate', 'RnnkitGruGatesResetBefore'], ['RnnkitGruGatesResetBeforeBackward', 'RnnkitGruResetGateBackward']],
    ] as const) {
      const args = toTensorArgs(makeCase({ cell, time: T, mask: 'holes', ...(resetAfter === undefined ? {} : { resetAfter }), seed: 9 }));
      const info = await tf.profile(() => {
        const grads = tf.grads((x: tf.Tensor) => tf.sum(rnnSequence({ ...args, inputs: x as tf.Tensor3D }).outputs))([args.inputs]);
        tf.dispose(grads);
      });
      const count = (name: string) => info.kernels.filter((k) => k.name === name).length;
      for (const name of [...forward, ...backward]) expect(count(name), `${cell} ${name}`).toBe(T);
      disposeArgs(args);
    }
  });

  it('an LSTM step takes h and c from its gate program without copying them (row blocks: contiguous slices)', () => {
    // WebGL programs run per forward step, from the difference between two lengths: tfjs copies a column slice
    // with a program and takes a row block of an unpacked texture as a view.
    const backend = tf.backend() as unknown as { runWebGLProgram: (...a: unknown[]) => unknown };
    const original = backend.runWebGLProgram;
    let programs = 0;
    backend.runWebGLProgram = function (this: unknown, ...a: unknown[]) {
      programs++;
      return original.apply(this, a);
    };
    const forward = (T: number) => {
      const args = toTensorArgs(makeCase({ cell: 'lstm', time: T, seed: 4 }));
      programs = 0;
      tf.tidy(() => rnnSequence(args).outputs.dataSync());
      disposeArgs(args);
      return programs;
    };
    try {
      forward(3);
      const perStep = forward(8) - forward(7);
      // The step's slice of the input projection, the recurrent product, the add, unpacking z for the gate
      // program, the gate program, and packing h twice (for the next product and for the stacked outputs): 7.
      // h and c come out as views; taken as column slices they were two more copies.
      expect(perStep).toBe(7);
    } finally {
      backend.runWebGLProgram = original;
    }
  });

  for (const acts of PAIRS) {
    for (const [op, widths] of Object.entries(INPUTS)) {
      it(`${op} (${acts.activation}, ${acts.recurrentActivation}) equals the tfjs-op gate operation, saturated values and a masked row included`, () => {
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const inputs = widths.map((w, i) => w === 0
            ? tf.tensor2d([[1], [0], [1]])
            // Scales growing along the row up to 8, so gates saturate and relu6 clips.
            : tf.mul(tf.randomNormal([B, w * U], 0, 1, 'float32', 7 + i), tf.linspace(0.1, 8, w * U)));
          const call = (ops: GateOps) => (ops[op as keyof typeof INPUTS] as (...a: unknown[]) => tf.Tensor)(...inputs, acts);
          const ours = call(webglGateOps), ref = call(tfjsGateOps);
          expect(ours.shape).toEqual(ref.shape);
          expect(maxAbsDiff(ours.arraySync(), ref.arraySync())).toBeLessThan(1e-4);
        });
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  it('reports the activations it lacks, so the kernels hand those calls to the reference', () => {
    expect(webglGateOps.supports({ activation: 'tanh', recurrentActivation: 'hardSigmoid' })).toBe(true);
    expect(webglGateOps.supports({ activation: 'elu', recurrentActivation: 'sigmoid' })).toBe(false);
    expect(webglGateOps.supports({ activation: 'tanh', recurrentActivation: 'swish' })).toBe(false);
  });
});

const kernels = tensorFusedKernels(webglGateOps);
for (const [label, cell, resetAfter] of SEQUENCE_KERNEL_VARIANTS) {
  describe(`tensor-fused ${label} kernel on webgl programs`, () => {
    for (const [name, plain] of sequenceKernelCases(cell, resetAfter)) {
      it(`${name}: values and gradients equal the reference kernel's, no tensors left`, () => {
        const r = compareWithReference(kernels[cell]!, plain);
        expect(r.leaked).toBe(0);
        expect(r.outputs).toBeLessThan(1e-4);
        expect(r.states).toBeLessThan(1e-4);
        for (const [param, diff] of Object.entries(r.gradients)) expect(diff, `gradient of ${param}`).toBeLessThan(1e-3);
      });
    }
  });
}
