import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { listBackends, opKernels, tf, useBackend } from '@rnnkit/backend';
import type { RnnSequenceArgs } from '@rnnkit/backend';
import { enableBlockLstm, enableSimdKernels, nodeAdapter, oneDnnIsaIsSignalSafe, setInferenceThreads, tfjsNodeInstallCommand } from './index.js';
import { activeTensorflowBackend } from './tensorflow-backend.js';
import { probeTfjsNodeAt } from './tfjs-node-probe.js';
import { itIfTensorflow as runIf } from '../test/tensorflow-tests.js';
import { compareWithReference, disposeArgs, makeCase, maxAbsDiff, SEQUENCE_KERNEL_VARIANTS, sequenceKernelCases, toTensorArgs } from '@rnnkit/backend/testing';

describe('tensorflow adapter: availability', () => {
  it('without tfjs-node, is unavailable with the install command in the reason', async () => {
    const result = await probeTfjsNodeAt(null);
    expect(result).toEqual({
      available: false,
      reason: '@tensorflow/tfjs-node is not installed: npm i @tensorflow/tfjs-node@4.22.0',
    });
    expect(tfjsNodeInstallCommand).toBe('npm i @tensorflow/tfjs-node@4.22.0');
  });

  it('with a tfjs-node that does not load, says why and how to reinstall', async () => {
    const broken = fileURLToPath(new URL('./__fixtures__/broken-tfjs-node.cjs', import.meta.url));
    const result = await probeTfjsNodeAt(broken);
    expect(result.available).toBe(false);
    expect(result.reason).toContain('does not load: Error: The Node.js native addon module (tfjs_binding.node) can not be found at path: /nowhere/lib/napi-v8/tfjs_binding.node. Its install script');
    expect(result.reason).toContain('npm i @tensorflow/tfjs-node@4.22.0');
  });

  it('probing does not load tfjs-node into this process', async () => {
    await nodeAdapter.isAvailable();
    expect(tf.findBackend('tensorflow')).toBeNull();
  });

  runIf('tfjs-node loads here (CI builds it offline with scripts/build-tfjs-node.sh)', async () => {
    expect(await nodeAdapter.isAvailable()).toEqual({ available: true });
    const entry = (await listBackends()).find((b) => b.name === 'tensorflow');
    expect(entry).toMatchObject({ registered: true, available: true, packageName: '@rnnkit/backend-node' });
  });
});

describe('tensorflow adapter: init', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  runIf('makes tensorflow the active tfjs backend and reports TensorFlow versions', async () => {
    const choice = await useBackend('tensorflow', { log: false });
    expect(choice.name).toBe('tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
    const caps = nodeAdapter.capabilities();
    expect(caps).toMatchObject({ tfjsBackend: 'tensorflow', threads: true, floatPrecision: 32 });
    expect(caps.details?.tfjsNode).toBe('4.22.0');
    expect(String(caps.details?.tensorflow)).toMatch(/^\d+\.\d+/);
  });

  runIf('computes with the one tfjs-core engine rnnkit uses, without leaking', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]), false, true));
    expect(out.arraySync()).toEqual([[17, 23], [39, 53]]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('tensorflow adapter: which kernel runs (LSTM without BlockLSTMV2, see block-lstm.test.ts)', () => {
  beforeAll(() => {
    enableBlockLstm(false);
    // The SIMD module's route has its own tests below.
    enableSimdKernels(false);
  });
  afterAll(async () => {
    enableBlockLstm('auto');
    enableSimdKernels('auto');
    await tf.setBackend('cpu');
  });

  /**
   * Runs the adapter's kernel without a tape (inference) and under one (training). The reference kernel applies tanh
   * with TensorFlow's op each step, the fused kernel in JavaScript: the Tanh ops counted tell which route ran.
   */
  async function bothRoutes(args: RnnSequenceArgs) {
    const kernel = nodeAdapter.kernels![args.cell]!;
    // tf.profile returns the same object each call: count before profiling again.
    const count = (info: { kernels: { name: string }[] }) => (name: string) => info.kernels.filter((k) => k.name === name).length;
    let inference: unknown, training: unknown;
    const inferenceCount = count(await tf.profile(() => {
      const r = kernel(args);
      inference = r.outputs.arraySync();
      tf.dispose([r.outputs, ...r.states]);
    }));
    const inferenceTanh = inferenceCount('Tanh'), inferenceMatMuls = inferenceCount('BatchMatMul');
    const trainingTanh = count(await tf.profile(() => {
      tf.dispose(tf.grad((x: tf.Tensor) => {
        const r = kernel({ ...args, inputs: x as tf.Tensor3D });
        training = r.outputs.arraySync();
        return tf.sum(r.outputs);
      })(args.inputs));
    }))('Tanh');
    return { inferenceTanh, trainingTanh, inferenceMatMuls, difference: maxAbsDiff(inference, training) };
  }

  runIf('small layers take the fused kernel, inference and training; both routes give the same outputs', async () => {
    await useBackend('tensorflow', { log: false });
    for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
      const args = toTensorArgs(makeCase({ cell, batch: 4, units: 8, time: 6, features: 3, seed: 11 }));
      const before = tf.memory().numTensors;
      const r = await bothRoutes(args);
      // With TF_ENABLE_ONEDNN_OPTS=0, SimpleRNN inference takes TensorFlow's ops at every size (ops-route.ts).
      const onTensorflowOps = cell === 'simpleRNN' && nodeAdapter.capabilities().details?.oneDnnOpts === false;
      expect(r.inferenceTanh, cell).toBe(onTensorflowOps ? 6 : 0);
      expect(r.trainingTanh, cell).toBe(0);
      // The fused kernel's products are SparseMatMul calls (tensorflow-matmul-provider.ts), not BatchMatMulV2.
      if (!onTensorflowOps) expect(r.inferenceMatMuls, cell).toBe(0);
      expect(r.difference).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
      disposeArgs(args);
    }
  });

  runIf('TensorFlow ops per step run from the measured sizes (ops-route.ts)', async () => {
    await useBackend('tensorflow', { log: false });
    // Per step, LSTM applies tanh to the candidate and to the cell state, GRU and SimpleRNN once. On TensorFlow's
    // ops (opKernels) every cell multiplies by the recurrent kernel once per step, after one input projection; the
    // fused kernel's products are SparseMatMul calls, the reference's one BatchMatMul per gate. SimpleRNN and GRU at
    // 32 x 256 also train on TensorFlow's ops (one tanh per step forward; the backward pass applies none).
    const T = 2;
    for (const [cell, batch, units, onOps, trainsOnOps] of [
      ['simpleRNN', 32, 256, true, true], ['simpleRNN', 64, 64, false, false], ['gru', 32, 256, true, true], ['gru', 32, 128, false, false],
      ['lstm', 32, 128, true, false], ['lstm', 32, 64, false, false],
    ] as const) {
      const args = toTensorArgs(makeCase({ cell, batch, units, time: T, features: 3, seed: 5 }));
      const r = await bothRoutes(args);
      const label = `${cell} ${batch} x ${units}`;
      // With TF_ENABLE_ONEDNN_OPTS=0 SimpleRNN infers on TensorFlow's ops at every size and trains there from 4096;
      // GRU trains there from 16384.
      const oneDnnOff = nodeAdapter.capabilities().details?.oneDnnOpts === false;
      const simpleOff = oneDnnOff && cell === 'simpleRNN';
      const trains = oneDnnOff ? (cell === 'simpleRNN' && batch * units >= 4096) || (cell === 'gru' && batch * units >= 16384) : trainsOnOps;
      expect(r.inferenceTanh, label).toBe(onOps || simpleOff ? (cell === 'lstm' ? 2 : 1) * T : 0);
      expect(r.inferenceMatMuls, label).toBe(onOps || simpleOff ? T + 1 : 0);
      expect(r.trainingTanh, label).toBe(trains ? T : 0);
      expect(r.difference).toBeLessThan(1e-5);
      disposeArgs(args);
    }
  });

  runIf('opKernels on TensorFlow equal the reference kernel on TensorFlow, no tensors left', async () => {
    await useBackend('tensorflow', { log: false });
    const kernels = opKernels();
    for (const [, cell, resetAfter] of SEQUENCE_KERNEL_VARIANTS) {
      for (const [name, plain] of sequenceKernelCases(cell, resetAfter)) {
        const r = compareWithReference(kernels[cell], plain);
        expect(r.leaked, `${cell} ${resetAfter} ${name}`).toBe(0);
        expect(r.outputs, `${cell} ${resetAfter} ${name}`).toBeLessThan(1e-5);
        expect(r.states, `${cell} ${resetAfter} ${name}`).toBeLessThan(1e-5);
        for (const [param, diff] of Object.entries(r.gradients)) expect(diff, `${cell} ${resetAfter} ${name}: gradient of ${param}`).toBeLessThan(1e-5);
      }
    }
  });
});

describe('tensorflow adapter: the SIMD module route (simd-route.ts)', () => {
  afterAll(async () => {
    enableSimdKernels('auto');
    await tf.setBackend('cpu');
  });

  /** Native TensorFlow ops one inference and one training call issue (every tfjs-node kernel runs through these two). */
  function nativeOps(args: RnnSequenceArgs): { inference: number; training: number; outputs: unknown; trainingOutputs: unknown } {
    const be = activeTensorflowBackend()!;
    const single = be.executeSingleOutput.bind(be), multiple = be.executeMultipleOutputs.bind(be);
    let count = 0;
    be.executeSingleOutput = (...a) => (count++, single(...a));
    be.executeMultipleOutputs = (...a) => (count++, multiple(...a));
    try {
      const kernel = nodeAdapter.kernels![args.cell]!;
      const r = kernel(args);
      const outputs = r.outputs.arraySync();
      tf.dispose([r.outputs, ...r.states]);
      const inference = count;
      count = 0;
      let trainingOutputs: unknown;
      tf.dispose(tf.grad((x: tf.Tensor) => {
        const t = kernel({ ...args, inputs: x as tf.Tensor3D });
        trainingOutputs = t.outputs.arraySync();
        return tf.sum(t.outputs);
      })(args.inputs));
      return { inference, training: count, outputs, trainingOutputs };
    } finally {
      be.executeSingleOutput = single;
      be.executeMultipleOutputs = multiple;
    }
  }

  /** Whether the native ops of inference and of training stay the same from 2 steps to 12 (no op per step). */
  function opsPerStep(cell: 'lstm' | 'gru' | 'simpleRNN', batch: number, units: number) {
    const at = (time: number) => {
      const args = toTensorArgs(makeCase({ cell, batch, units, time, features: 3, seed: 7 }));
      const r = nativeOps(args);
      disposeArgs(args);
      return r;
    };
    const short = at(2), long = at(12);
    return { inference: long.inference > short.inference, training: long.training > short.training, difference: maxAbsDiff(long.outputs, long.trainingOutputs), outputs: long.outputs };
  }

  runIf('by default small GRU and SimpleRNN layers run on the module (no TensorFlow op per step), LSTM on TensorFlow', async () => {
    await useBackend('tensorflow', { log: false });
    enableSimdKernels('auto');
    const caps = nodeAdapter.capabilities().details!;
    expect(caps).toMatchObject({ simdKernels: 'auto', simdModule: true });
    expect(caps.inferenceThreads).toBeGreaterThanOrEqual(1);
    const before = tf.memory().numTensors;
    for (const cell of ['gru', 'simpleRNN'] as const) {
      const r = opsPerStep(cell, 8, 16);
      expect({ cell, inference: r.inference, training: r.training }).toEqual({ cell, inference: false, training: false });
      expect(r.difference, cell).toBeLessThan(1e-5);
    }
    // LSTM: BlockLSTMV2 (one op per sequence) where signal-safe, else ops per step; enableSimdKernels(true) takes it.
    enableBlockLstm(false);
    try {
      expect(opsPerStep('lstm', 8, 16).inference).toBe(true);
      enableSimdKernels(true);
      const r = opsPerStep('lstm', 8, 16);
      expect({ inference: r.inference, training: r.training }).toEqual({ inference: false, training: false });
    } finally {
      enableBlockLstm('auto');
      enableSimdKernels('auto');
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  runIf('large layers and enableSimdKernels(false) stay on TensorFlow, with the same values', async () => {
    await useBackend('tensorflow', { log: false });
    // GRU 32 x 512: 25 M multiply-adds per step, past the module's limit on 2 cores (more cores lower it further).
    const large = opsPerStep('gru', 32, 512);
    expect({ inference: large.inference, training: large.training }).toEqual({ inference: true, training: true });
    const onModule = opsPerStep('simpleRNN', 8, 16);
    enableSimdKernels(false);
    try {
      expect(nodeAdapter.capabilities().details?.simdKernels).toBe('false');
      const off = opsPerStep('simpleRNN', 8, 16);
      expect(off.inference).toBe(true);
      expect(maxAbsDiff(off.outputs, onModule.outputs)).toBeLessThan(1e-5);
    } finally {
      enableSimdKernels('auto');
    }
  });

  runIf('SimpleRNN and GRU training on TensorFlow\'s ops take their forward pass from the module: fewer ops per step, same values and gradients', async () => {
    await useBackend('tensorflow', { log: false });
    // 32 x 256: past the module's training limits, within its inference limits (simd-route.ts).
    const perStep = (cell: 'gru' | 'simpleRNN') => {
      const at = (time: number) => {
        const plain = makeCase({ cell, batch: 32, units: 256, time, features: 3, seed: 8 });
        // Recurrent weights scaled to a spectral radius below 1: at +-0.8 over 256 units the map is chaotic and
        // float32 rounding differences grow from step to step.
        plain.recurrentKernel = plain.recurrentKernel.map((row) => row.map((v) => v / 16));
        const args = toTensorArgs(plain);
        const r = nativeOps(args);
        const grad = tf.grad((x: tf.Tensor) => tf.sum(nodeAdapter.kernels![cell]!({ ...args, inputs: x as tf.Tensor3D }).outputs))(args.inputs);
        const g = grad.arraySync();
        tf.dispose(grad);
        disposeArgs(args);
        return { ...r, g };
      };
      const short = at(2), long = at(12);
      return { training: (long.training - short.training) / 10, outputs: long.trainingOutputs, g: long.g };
    };
    for (const cell of ['simpleRNN', 'gru'] as const) {
      const hybrid = perStep(cell);
      enableSimdKernels(false);
      let opsOnly: ReturnType<typeof perStep>;
      try {
        opsOnly = perStep(cell);
      } finally {
        enableSimdKernels('auto');
      }
      // The forward's product, adds and activations per step are gone; the backward's product stays.
      expect(hybrid.training, cell).toBeLessThanOrEqual(opsOnly.training - 3);
      expect(hybrid.training, cell).toBeGreaterThan(0);
      expect(maxAbsDiff(hybrid.outputs, opsOnly.outputs), cell).toBeLessThan(1e-5);
      expect(maxAbsDiff(hybrid.g, opsOnly.g), cell).toBeLessThan(1e-4);
    }
  });

  runIf('with recurrent dropout the forward pass stays on TensorFlow (the module would run it step by step on one thread)', async () => {
    await useBackend('tensorflow', { log: false });
    const trainingOps = (time: number) => {
      const plain = makeCase({ cell: 'gru', batch: 32, units: 256, time, features: 3, seed: 9, dropout: true });
      plain.recurrentKernel = plain.recurrentKernel.map((row) => row.map((v) => v / 16));
      const args = toTensorArgs(plain);
      const r = nativeOps(args);
      disposeArgs(args);
      return r;
    };
    const perStep = () => (trainingOps(12).training - trainingOps(2).training) / 10;
    const auto = perStep();
    enableSimdKernels(false);
    let tensorflowOnly: number;
    try {
      tensorflowOnly = perStep();
    } finally {
      enableSimdKernels('auto');
    }
    expect(auto).toBe(tensorflowOnly);
  });

  it('setInferenceThreads names its argument when it is not a whole number >= 1', async () => {
    await expect(setInferenceThreads(0)).rejects.toThrow('setInferenceThreads: count must be a whole number >= 1, got 0');
    await expect(setInferenceThreads(1.5)).rejects.toThrow('setInferenceThreads: count must be a whole number >= 1, got 1.5');
  });
});

describe('oneDnnIsaIsSignalSafe', () => {
  it('is true only for oneDNN limited to SSE4.1 (either variable name, any case)', () => {
    expect(oneDnnIsaIsSignalSafe({})).toBe(false);
    expect(oneDnnIsaIsSignalSafe({ ONEDNN_MAX_CPU_ISA: 'SSE41' })).toBe(true);
    expect(oneDnnIsaIsSignalSafe({ DNNL_MAX_CPU_ISA: 'sse41' })).toBe(true);
    expect(oneDnnIsaIsSignalSafe({ ONEDNN_MAX_CPU_ISA: 'AVX2' })).toBe(false);
    expect(oneDnnIsaIsSignalSafe({ ONEDNN_MAX_CPU_ISA: 'AVX512_CORE' })).toBe(false);
  });
});
