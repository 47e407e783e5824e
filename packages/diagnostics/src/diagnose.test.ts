import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.js';

const lstmModel = { layers: [{ name: 'lstm_1', getClassName: () => 'LSTM', getConfig: () => ({ units: 8, activation: 'tanh' }) }, { name: 'dense_1', getClassName: () => 'Dense' }] };
const maskedModel = { layers: [{ name: 'masking', getClassName: () => 'Masking' }, ...lstmModel.layers] };

/** [N, T, 1] rows of real values (never 0) padded with zeros after `len(i)` steps. */
function postPadded(N: number, T: number, len: (i: number) => number): number[][][] {
  return Array.from({ length: N }, (_, i) => Array.from({ length: T }, (_, t) => [t < len(i) ? 0.5 + ((i * 7 + t * 3) % 5) / 10 : 0]));
}

describe('diagnose', () => {
  it('bad input gets a clear message naming the argument', () => {
    expect(() => diagnose({ model: { layers: [{ getClassName: () => 'Dense' }] } })).toThrow(
      "diagnose: 'model' must be a model with at least one recurrent layer (SimpleRNN, LSTM, GRU, RNN or Bidirectional), got layers [Dense]");
    expect(() => diagnose({ data: { x: [] } })).toThrow("diagnose: 'data.x' must be a non-empty array, got an empty array");
    expect(() => diagnose({ history: { history: { acc: [0.5] } } })).toThrow(
      "diagnose: 'history' must be a History with a loss array (history.history.loss or {loss}), got an object with keys [acc]");
    expect(() => diagnose({})).toThrow("'input' must be at least one of model, data, pipeline, history or recorder");
    expect(() => diagnose({ data: { x: [[1], [2]], y: [1, 2, 3] } })).toThrow("'data.y' must be 2 rows (one per sample of data.x), got 3 rows");
    expect(() => diagnose({ model: 42 })).toThrow("'model' must be a model with a layers array");
  });

  it('finds unmasked post-padding and stays quiet once a Masking layer is added', () => {
    const x = postPadded(40, 30, (i) => 5 + (i % 10));
    const r = diagnose({ model: lstmModel, data: { x } });
    const codes = r.findings.map((f) => f.code);
    expect(codes).toContain('PADDING_NOT_MASKED');
    expect(codes).toContain('PADDING_DOMINATES');
    expect(r.findings[0].code).toBe('PADDING_NOT_MASKED');
    const masked = diagnose({ model: maskedModel, data: { x } });
    expect(masked.findings.map((f) => f.code)).not.toContain('PADDING_NOT_MASKED');
  });

  it('token ids into an Embedding: padding judged by maskZero, no scale finding for ids', () => {
    const x = { data: new Int32Array(Array.from({ length: 40 * 20 }, (_, k) => (k % 20 < 5 + ((k / 20) | 0) % 6 ? 1 + (k % 97) : 0))), shape: [40, 20] };
    const model = (maskZero: boolean) => ({ layers: [
      { name: 'emb', getClassName: () => 'Embedding', getConfig: () => ({ inputDim: 100, outputDim: 8, maskZero }) },
      { name: 'lstm', getClassName: () => 'LSTM', getConfig: () => ({ units: 8 }) },
    ] });
    const codes = diagnose({ model: model(false), data: { x } }).findings.map((f) => f.code);
    expect(codes).toContain('PADDING_NOT_MASKED');
    expect(codes).not.toContain('UNSCALED_INPUTS');
    expect(diagnose({ model: model(true), data: { x } }).findings.map((f) => f.code)).not.toContain('PADDING_NOT_MASKED');
  });

  it('finds NaN inputs, unscaled inputs, a label-sorted unshuffled order and a biased validation tail', () => {
    const x = Array.from({ length: 100 }, (_, i) => Array.from({ length: 5 }, (_, t) => [1e4 * (1 + ((i + t) % 3)), i === 42 && t === 2 ? NaN : 1]));
    const y = Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1));
    const r = diagnose({ model: lstmModel, data: { x, y, shuffled: false, validationSplit: 0.2 } });
    const byCode = new Map(r.findings.map((f) => [f.code, f]));
    expect(byCode.get('NON_FINITE')?.evidence.inputs).toEqual({ count: 1, firstSample: 42 });
    expect(byCode.get('UNSCALED_INPUTS')?.severity).toBe('error');
    expect(byCode.get('ORDER_NOT_SHUFFLED')?.severity).toBe('error');
    expect(byCode.get('VALIDATION_SPLIT_BIASED')?.severity).toBe('error');
    expect(r.findings[0].code).toBe('NON_FINITE');
  });

  it('reads a Keras-style History and marks a plateau explained by a root cause as a note', () => {
    const r = diagnose({ history: { history: { loss: [1, 1.5, 3, 9, 30, 80, 200], val_loss: [1, 1, 1, 1, 1, 1, 1] } }, options: { learningRate: 1 } });
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['LEARNING_RATE_TOO_HIGH', 'error']]);
    const flat = diagnose({ history: { loss: [0.25, 0.249, 0.25, 0.251, 0.25, 0.25] }, data: { x: [[[1]], [[2]]], y: [0, 1] }, options: { loss: 'mse' } });
    expect(flat.findings.map((f) => f.code)).toEqual(['LOSS_PLATEAU']);
    expect(flat.findings[0].evidence.baselineLoss).toBe(0.25);
    expect(flat.skipped.map((s) => s.check)).toContain('EXPLODING_GRADIENTS');
  });

  it('audits a pipeline coverage report and recorder evidence', () => {
    const epochs = [0, 1].map((epoch) => ({ epoch, complete: true, batches: 2, yielded: 8, seen: 8, neverSeen: [8, 9], seenTwice: [], droppedByFilter: [],
      droppedByRemainder: [8, 9], truncated: { samples: 0, stepsCut: 0, ids: [] }, padding: { realSteps: 80, paddedSteps: 0, fraction: 0 }, batchSizes: [4, 4],
      order: [0, 1, 2, 3, 4, 5, 6, 7] }));
    const coverage = { totalSamples: 10, epochs, pipeline: { shuffle: { kind: 'none' as const }, remainder: 'drop' as const, filter: false, batchSize: 4 }, warnings: [] };
    const decay = Array.from({ length: 60 }, (_, t) => 0.7 ** (59 - t));
    const recorder = { trace: { loss: Array.from({ length: 20 }, (_, i) => 1 - i * 0.001), gradNorm: Array(20).fill(1) },
      gradientFlow: { probes: [{ batch: 10, epoch: 0, norms: decay }] } };
    const r = diagnose({ model: { layers: [{ name: 'rnn', getClassName: () => 'SimpleRNN', getConfig: () => ({ units: 4 }) }] }, pipeline: coverage, recorder });
    const codes = r.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['SAMPLES_DROPPED', 'VANISHING_GRADIENTS', 'LOSS_PLATEAU']));
    expect(r.findings.find((f) => f.code === 'LOSS_PLATEAU')?.severity).toBe('info');
    expect(r.charts.coverage?.epochs[0]).toEqual({ epoch: 0, seen: 8, neverSeen: 2, duplicated: 0 });
  });

  it('lists a failed gradient-flow probe among the checks not made', () => {
    const r = diagnose({ model: lstmModel, recorder: { trace: { loss: [1, 0.8, 0.6, 0.5, 0.45] }, probeError: 'Error: Cannot compute gradient: gradient function not found for NotEqual.' } });
    expect(r.skipped).toContainEqual({ check: 'VANISHING_GRADIENTS, SEQUENCES_TOO_LONG',
      reason: 'the gradient-flow probe failed: Error: Cannot compute gradient: gradient function not found for NotEqual.' });
  });
});

describe('runChecks merging', () => {
  it('two checks seeing exploding gradients give one finding with both pieces of evidence', async () => {
    const { runChecks } = await import('./run-checks.js');
    const grow = Array.from({ length: 40 }, (_, t) => 1.5 ** (39 - t));
    const r = runChecks({ trace: { loss: [1, 1, 1, 1, 1], gradNorm: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 500] }, gradientFlow: { probes: [{ batch: 0, epoch: 0, norms: grow }] } });
    const ex = r.findings.filter((f) => f.code === 'EXPLODING_GRADIENTS');
    expect(ex).toHaveLength(1);
    expect(ex[0].severity).toBe('error');
    expect(ex[0].message).toContain('Also: ');
    expect((ex[0].evidence.also as unknown[]).length).toBe(1);
  });
});
