import { describe, expect, it } from 'vitest';
import { runsOnTensorflowOps, TENSORFLOW_OPS_MIN_ROWS_X_UNITS, TENSORFLOW_OPS_TRAINING } from './ops-route.js';

describe('which kernel runs on the tensorflow backend (ops-route.ts)', () => {
  const base = { rows: 32, units: 256, recording: false, opsHaveGradient: false, oneDnnOptsOff: false };

  it('LSTM always trains on the fused kernel (or BlockLSTMV2)', () => {
    for (const [rows, units] of [[1, 4], [32, 256], [256, 1024]]) {
      for (const oneDnnOptsOff of [false, true]) {
        expect(runsOnTensorflowOps({ ...base, cell: 'lstm', rows, units, recording: true, opsHaveGradient: true, oneDnnOptsOff })).toBe(false);
      }
    }
  });

  it('GRU trains on TensorFlow ops from 8192 rows x units where opKernels has its gradient (16384 with oneDNN off)', () => {
    expect(TENSORFLOW_OPS_TRAINING.gru).toEqual({ minRowsXUnits: 8192, minUnits: 1, oneDnnOffMinRowsXUnits: 16384 });
    const training = { ...base, cell: 'gru' as const, recording: true, opsHaveGradient: true };
    expect(runsOnTensorflowOps({ ...training, rows: 32, units: 256 })).toBe(true);
    expect(runsOnTensorflowOps({ ...training, rows: 128, units: 64 })).toBe(true);
    expect(runsOnTensorflowOps({ ...training, rows: 32, units: 255 })).toBe(false);
    expect(runsOnTensorflowOps({ ...training, rows: 64, units: 256, opsHaveGradient: false })).toBe(false);
    expect(runsOnTensorflowOps({ ...training, rows: 32, units: 256, oneDnnOptsOff: true })).toBe(false);
    expect(runsOnTensorflowOps({ ...training, rows: 64, units: 256, oneDnnOptsOff: true })).toBe(true);
  });

  it('SimpleRNN trains on TensorFlow ops from 8192 rows x units at 128 units or more, where opKernels has its gradient', () => {
    expect(TENSORFLOW_OPS_TRAINING.simpleRNN).toEqual({ minRowsXUnits: 8192, minUnits: 128, oneDnnOffMinRowsXUnits: 4096 });
    const training = { ...base, cell: 'simpleRNN' as const, recording: true, opsHaveGradient: true };
    expect(runsOnTensorflowOps({ ...training, rows: 32, units: 256 })).toBe(true);
    expect(runsOnTensorflowOps({ ...training, rows: 64, units: 128 })).toBe(true);
    expect(runsOnTensorflowOps({ ...training, rows: 32, units: 255 })).toBe(false);
    expect(runsOnTensorflowOps({ ...training, rows: 128, units: 64 })).toBe(false);
    expect(runsOnTensorflowOps({ ...training, rows: 1024, units: 127 })).toBe(false);
    // A mask or an activation opKernels does not differentiate keeps the fused kernel.
    expect(runsOnTensorflowOps({ ...training, rows: 64, units: 256, opsHaveGradient: false })).toBe(false);
    // With TF_ENABLE_ONEDNN_OPTS=0 from 4096, at any width.
    const off = { ...training, oneDnnOptsOff: true };
    expect(runsOnTensorflowOps({ ...off, rows: 32, units: 128 })).toBe(true);
    expect(runsOnTensorflowOps({ ...off, rows: 64, units: 64 })).toBe(true);
    expect(runsOnTensorflowOps({ ...off, rows: 32, units: 127 })).toBe(false);
    expect(runsOnTensorflowOps({ ...off, rows: 64, units: 64, opsHaveGradient: false })).toBe(false);
  });

  it('SimpleRNN and GRU train on TensorFlow ops at any size when the SIMD module computes their forward pass (LSTM never)', () => {
    const training = { ...base, recording: true, opsHaveGradient: true, forwardOnSimd: true };
    for (const oneDnnOptsOff of [false, true]) {
      for (const cell of ['simpleRNN', 'gru'] as const) {
        expect(runsOnTensorflowOps({ ...training, cell, rows: 16, units: 256, oneDnnOptsOff })).toBe(true);
        expect(runsOnTensorflowOps({ ...training, cell, rows: 8, units: 64, oneDnnOptsOff })).toBe(true);
        expect(runsOnTensorflowOps({ ...training, cell, rows: 16, units: 256, oneDnnOptsOff, opsHaveGradient: false })).toBe(false);
      }
      expect(runsOnTensorflowOps({ ...training, cell: 'lstm', oneDnnOptsOff })).toBe(false);
    }
    // Without it, the thresholds above.
    expect(runsOnTensorflowOps({ ...training, cell: 'gru', rows: 16, units: 256, forwardOnSimd: false })).toBe(false);
  });

  it('SimpleRNN and GRU inference switch to TensorFlow ops at 8192 rows x units', () => {
    for (const cell of ['simpleRNN', 'gru'] as const) {
      expect(TENSORFLOW_OPS_MIN_ROWS_X_UNITS[cell]).toBe(8192);
      expect(runsOnTensorflowOps({ ...base, cell, rows: 32, units: 64 })).toBe(false);
      expect(runsOnTensorflowOps({ ...base, cell, rows: 32, units: 255 })).toBe(false);
      expect(runsOnTensorflowOps({ ...base, cell, rows: 32, units: 256 })).toBe(true);
      expect(runsOnTensorflowOps({ ...base, cell, rows: 128, units: 64 })).toBe(true);
    }
  });

  it('LSTM inference switches to TensorFlow ops at 4096 rows x units', () => {
    expect(TENSORFLOW_OPS_MIN_ROWS_X_UNITS.lstm).toBe(4096);
    expect(runsOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 64 })).toBe(false);
    expect(runsOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 127 })).toBe(false);
    expect(runsOnTensorflowOps({ ...base, cell: 'lstm', rows: 32, units: 128 })).toBe(true);
    expect(runsOnTensorflowOps({ ...base, cell: 'lstm', rows: 64, units: 64 })).toBe(true);
  });

  it('with TF_ENABLE_ONEDNN_OPTS=0, SimpleRNN inference takes TensorFlow ops at every size; LSTM and GRU keep their switch', () => {
    const off = { ...base, oneDnnOptsOff: true };
    for (const [rows, units] of [[1, 4], [32, 64], [64, 512]]) expect(runsOnTensorflowOps({ ...off, cell: 'simpleRNN', rows, units })).toBe(true);
    expect(runsOnTensorflowOps({ ...off, cell: 'gru', rows: 32, units: 64 })).toBe(false);
    expect(runsOnTensorflowOps({ ...off, cell: 'gru', rows: 32, units: 256 })).toBe(true);
    expect(runsOnTensorflowOps({ ...off, cell: 'lstm', rows: 32, units: 64 })).toBe(false);
    expect(runsOnTensorflowOps({ ...off, cell: 'lstm', rows: 32, units: 128 })).toBe(true);
  });
});
