// Keras compatibility, checked against tfjs-layers itself: the same weights (Keras layout) through tfjs-layers'
// SimpleRNN/LSTM/GRU and through rnnSequence give the same outputs and states.
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tfjs.js';
import { disposeArgs, makeCase, maxAbsDiff, toTensorArgs, type CaseOptions } from '../testing/cases.js';
import { referenceRnnSequence } from './reference-sequence.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FACTORIES = { simpleRNN: tfl.layers.simpleRNN, lstm: tfl.layers.lstm, gru: tfl.layers.gru } as const;

function viaLayers(o: CaseOptions, args: ReturnType<typeof toTensorArgs>) {
  const [, time, features] = args.inputs.shape;
  const layer = FACTORIES[o.cell]({
    units: o.units ?? 2,
    returnSequences: o.returnSequences ?? false,
    returnState: true,
    goBackwards: o.goBackwards ?? false,
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
    ...(o.cell === 'simpleRNN' ? {} : { recurrentActivation: 'sigmoid' }),
  } as never) as tfl.layers.Layer;
  layer.apply(tfl.input({ shape: [time, features] }));
  layer.setWeights([args.kernel, args.recurrentKernel, args.bias!]);
  const out = layer.apply(args.inputs, { initialState: args.initialState, ...(args.mask ? { mask: tf.cast(args.mask, 'bool') } : {}) }) as tf.Tensor[];
  const values = out.map((t) => t.arraySync());
  tf.dispose(out);
  layer.dispose();
  return { outputs: values[0], states: values.slice(1) };
}

const cases: Array<[string, CaseOptions]> = [];
for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
  cases.push([`${cell}`, { cell }], [`${cell} returnSequences`, { cell, returnSequences: true }], [`${cell} goBackwards, returnSequences`, { cell, goBackwards: true, returnSequences: true }]);
  cases.push([`${cell} right-padded mask`, { cell, mask: 'right' }]);
  cases.push([`${cell} mask with holes, returnSequences, zeroOutputForMask false`, { cell, mask: 'holes', returnSequences: true, zeroOutputForMask: false }]);
}

describe('parity with tfjs-layers (same weights)', () => {
  it.each(cases)('%s', (_name, o) => {
    // tfjs-layers' GRU supports only resetAfter false.
    const plain = makeCase({ ...o, resetAfter: false, seed: 41 });
    const args = toTensorArgs(plain);
    const want = viaLayers(o, args);
    const r = referenceRnnSequence(args);
    const got = { outputs: r.outputs.arraySync(), states: r.states.map((s) => s.arraySync()) };
    tf.dispose([r.outputs, ...r.states]);
    disposeArgs(args);
    expect(maxAbsDiff(got.outputs, want.outputs)).toBeLessThan(1e-5);
    expect(maxAbsDiff(got.states, want.states)).toBeLessThan(1e-5);
  });
});
