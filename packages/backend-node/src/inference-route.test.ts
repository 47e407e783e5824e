import { describe, expect, it } from 'vitest';
import { inferenceOnTensorflowOps, TENSORFLOW_OPS_MIN_ROWS_X_UNITS } from './inference-route.js';

describe('inference route on the tensorflow backend', () => {
  const base = { rows: 32, units: 256, recording: false, oneDnnOptsOff: false };

  it('training always takes the fused kernel', () => {
    for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
      for (const [rows, units] of [[1, 4], [32, 256], [256, 1024]]) {
        for (const oneDnnOptsOff of [false, true]) expect(inferenceOnTensorflowOps({ ...base, cell, rows, units, recording: true, oneDnnOptsOff })).toBe(false);
      }
    }
  });

  it('SimpleRNN and GRU inference switch to TensorFlow ops at 8192 rows x units', () => {
    for (const cell of ['simpleRNN', 'gru'] as const) {
      expect(TENSORFLOW_OPS_MIN_ROWS_X_UNITS[cell]).toBe(8192);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 64 })).toBe(false);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 255 })).toBe(false);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 32, units: 256 })).toBe(true);
      expect(inferenceOnTensorflowOps({ ...base, cell, rows: 128, units: 64 })).toBe(true);
    }
  });

  it('LSTM inference switches to TensorFlow ops at 4096 rows x units', () => {
    expect(TENSORFLOW_OPS_MIN_ROWS_X_UNITS.lstm).toBe(4096);
    expect(inferenceOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 64 })).toBe(false);
    expect(inferenceOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 127 })).toBe(false);
    expect(inferenceOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 128 })).toBe(true);
    expect(inferenceOnTensorflowOps({ ...base, cell: 'lstm', rows: 64, units: 64 })).toBe(true);
  });

  it('with TF_ENABLE_ONEDNN_OPTS=0, SimpleRNN inference takes TensorFlow ops at every size; LSTM and GRU keep their switch', () => {
    const off = { ...base, oneDnnOptsOff: true };
    for (const [rows, units] of [[1, 4], [32, 64], [64, 512]]) expect(inferenceOnTensorflowOps({ ...off, cell: 'simpleRNN', rows, units })).toBe(true);
    expect(inferenceOnTensorflowOps({ ...off, cell: 'gru', rows: 32, units: 64 })).toBe(false);
    expect(inferenceOnTensorflowOps({ ...off, cell: 'gru', rows: 32, units: 256 })).toBe(true);
    expect(inferenceOnTensorflowOps({ ...off, cell: 'lstm', rows: 32, units: 64 })).toBe(false);
    expect(inferenceOnTensorflowOps({ ...off, cell: 'lstm', rows: 32, units: 128 })).toBe(true);
  });
});
