import { describe, expect, it } from 'vitest';
import { summarizeModel } from './model-summary.js';

describe('summarizeModel', () => {
  it('reads layers, masks and cells from getClassName/getConfig', () => {
    const m = summarizeModel('t', { layers: [
      { name: 'emb', getClassName: () => 'Embedding', getConfig: () => ({ maskZero: true }) },
      { name: 'bi', getClassName: () => 'Bidirectional', getConfig: () => ({ layer: { className: 'GRU', config: { units: 4, activation: 'tanh' } } }) },
      { name: 'out', getClassName: () => 'Dense', getConfig: () => ({}) },
    ] });
    expect(m.layers).toEqual([
      { name: 'emb', className: 'Embedding', recurrent: false, masked: true },
      { name: 'bi', className: 'Bidirectional', recurrent: true, masked: true, cell: 'gru', activation: 'tanh', units: 4 },
      { name: 'out', className: 'Dense', recurrent: false, masked: true },
    ]);
  });

  it('reads a Keras-format topology (snake_case config) when the model has no layers array', () => {
    const topology = { class_name: 'Sequential', config: { name: 's', layers: [
      { class_name: 'Embedding', config: { name: 'embedding', input_dim: 100, output_dim: 8, mask_zero: false } },
      { class_name: 'SimpleRNN', config: { name: 'simple_rnn', units: 16, activation: 'tanh' } },
      { class_name: 'Dense', config: { name: 'dense', units: 1 } },
    ] } };
    const m = summarizeModel('t', { toTopologyJSON: () => topology });
    expect(m.layers.map((l) => [l.name, l.className, l.recurrent, l.masked, l.cell, l.units])).toEqual([
      ['embedding', 'Embedding', false, false, undefined, undefined],
      ['simple_rnn', 'SimpleRNN', true, false, 'simpleRNN', 16],
      ['dense', 'Dense', false, false, undefined, undefined],
    ]);
  });

  it('a model it cannot read is a clear error', () => {
    expect(() => summarizeModel('diagnose', { weights: [] })).toThrow(
      "diagnose: 'model' must be a model with a layers array or a Keras topology (toTopologyJSON), got an object with keys [weights]");
  });
});
