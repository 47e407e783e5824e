import { describe, expect, it } from 'vitest';
import { inferenceOnTensorflowOps, TENSORFLOW_OPS_MIN_ROWS_X_UNITS } from './inference-route.js';

describe('inference route on the tensorflow backend', () => {
  const base = { rows: 32, units: 256, recording: false, oneDnnOptsOff: false };

  it('training always takes the fused kernel', () => {
    for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) expect(inferenceOnTensorflowOps({ ...base, cell, recording: true })).toBe(false);
  });

  it('SimpleRNN inference takes TensorFlow ops at every size, with or without oneDNN ops', () => {
    for (const [rows, units] of [[1, 4], [32, 64], [64, 512]]) {
      for (const oneDnnOptsOff of [false, true]) expect(inferenceOnTensorflowOps({ ...base, cell: 'simpleRNN', rows, units, oneDnnOptsOff })).toBe(true);
    }
  });

  it('LSTM and GRU inference switch to TensorFlow ops at 32 x 256 rows x units, unless oneDNN ops are off', () => {
    expect(TENSORFLOW_OPS_MIN_ROWS_X_UNITS).toBe(8192);
    for (const cell of ['lstm', 'gru'] as const) {
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 128 })).toBe(false);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 64, units: 127 })).toBe(false);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 64, units: 128 })).toBe(true);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 256 })).toBe(true);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 256, oneDnnOptsOff: true })).toBe(false);
    }
  });
});
