import { describe, expect, it } from 'vitest';
import { input, layers, model, sequential } from '../index.js';

describe('model.summary', () => {
  const seq = () => sequential({ name: 'sum_seq', layers: [layers.lstm({ units: 4, inputShape: [5, 3], name: 'sum_lstm' }), layers.dense({ units: 2, name: 'sum_dense' })] });

  it('sequential: prints and returns the table, with total and trainable counts', () => {
    const printed: string[] = [];
    const m = seq();
    m.layers[1].trainable = false;
    const text = m.summary((line) => printed.push(line));
    expect(printed).toEqual([text]);
    expect(text.split('\n')).toEqual([
      'Model: "sum_seq"',
      '_'.repeat(42),
      'Layer (type)       Output shape  Param #',
      '='.repeat(42),
      'sum_lstm (LSTM)    [null, 4]     128',
      'sum_dense (Dense)  [null, 2]     10',
      '='.repeat(42),
      'Total params: 138',
      'Trainable params: 128',
      'Non-trainable params: 10',
      '_'.repeat(42),
    ]);
  });

  it("takes tfjs-layers' (lineLength, positions, printFn) form", () => {
    let printed = '';
    const text = seq().summary(40, [0.5, 0.8, 1], (line) => { printed = line; });
    expect(printed).toBe(text);
    const row = text.split('\n').find((l) => l.startsWith('sum_lstm'))!;
    expect(row).toBe('sum_lstm (LSTM)     [null, 4]   128');
    expect(text).toContain('_'.repeat(40));
    // Absolute stops; a cell too long for its column is cut.
    const cut = seq().summary(undefined, [8, 20, 30], () => {});
    expect(cut.split('\n').find((l) => l.startsWith('sum_l'))).toBe('sum_lst [null, 4]   128');
  });

  it('says what is wrong with its arguments', () => {
    expect(() => seq().summary(-3)).toThrow('summary: lineLength must be a positive integer, got -3');
    expect(() => seq().summary(80, [0.5, 1], () => {})).toThrow('summary: positions has 2 column stops, this table has 3 columns (Layer (type), Output shape, Param #)');
  });

  it("functional: inputs and every layer call, with what each is connected to", () => {
    const tokens = input({ shape: [6, 3], name: 'tokens' });
    const [seqOut, h, c] = layers.lstm({ units: 4, returnSequences: true, returnState: true, name: 'enc' }).apply(tokens) as ReturnType<typeof input>[];
    const dec = layers.lstm({ units: 4, name: 'dec' }).apply(seqOut, { initialState: [h, c] }) as ReturnType<typeof input>;
    const out = layers.dense({ units: 1, name: 'head' }).apply(dec) as ReturnType<typeof input>;
    const m = model({ inputs: tokens, outputs: out, name: 'enc_dec' });
    const text = m.summary(() => {});
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: "enc_dec"');
    expect(lines[2]).toMatch(/^Layer \(type\) +Output shape +Param # +Connected to$/);
    expect(lines.find((l) => l.startsWith('tokens'))).toMatch(/^tokens \(InputLayer\) +\[null, 6, 3\] +0$/);
    expect(lines.find((l) => l.startsWith('enc '))).toMatch(/^enc \(LSTM\) +\[null, 6, 4\], \[null, 4\], \[null, 4\] +128 +tokens$/);
    expect(lines.find((l) => l.startsWith('dec '))).toMatch(new RegExp(`^dec \\(LSTM\\) +\\[null, 4\\] +144 +${seqOut.name}, ${h.name}, ${c.name}$`.replace(/\//g, '\\/')));
    expect(lines.find((l) => l.startsWith('head '))).toMatch(new RegExp(`^head \\(Dense\\) +\\[null, 1\\] +5 +${dec.name}$`.replace(/\//g, '\\/')));
    expect(text).toContain('Total params: 277');
  });
});
