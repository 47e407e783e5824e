import { describe, expect, it } from 'vitest';
import { forwardRunsOnSimdModule, runsOnSimdModule, SIMD_FORWARD_MIN_MACS_ONEDNN_OFF, SIMD_MAX_MACS_PER_STEP } from './simd-route.js';

describe('which calls the tensorflow adapter runs on the SIMD module (simd-route.ts)', () => {
  const base = { rows: 32, units: 64, recording: false, oneDnnOptsOff: false, inferenceThreads: 2, cores: 2 };

  it('never LSTM (BlockLSTMV2 and TensorFlow ops are as fast or faster)', () => {
    for (const recording of [false, true]) for (const rows of [1, 32, 256]) expect(runsOnSimdModule({ ...base, cell: 'lstm', rows, recording })).toBe(false);
  });

  it('GRU and SimpleRNN inference up to the measured multiply-adds per step', () => {
    expect(SIMD_MAX_MACS_PER_STEP.inference).toEqual({ simpleRNN: { oneDnn: 4e6, oneDnnOff: 3e6 }, gru: { oneDnn: 16e6, oneDnnOff: 16e6 } });
    // 32 x 256: 2.1 M SimpleRNN, 6.3 M GRU; 32 x 512: 8.4 M, 25 M.
    expect(runsOnSimdModule({ ...base, cell: 'simpleRNN', units: 256 })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'simpleRNN', units: 512 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 256 })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 384 })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 512 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', rows: 128, units: 256 })).toBe(false);
    // 64 x 256 SimpleRNN is 4.2 M: over 4 M.
    expect(runsOnSimdModule({ ...base, cell: 'simpleRNN', rows: 64, units: 256 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'simpleRNN', rows: 45, units: 256, oneDnnOptsOff: true })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'simpleRNN', rows: 46, units: 256, oneDnnOptsOff: true })).toBe(false);
  });

  it('GRU and SimpleRNN training up to smaller limits (the module trains on one thread)', () => {
    expect(SIMD_MAX_MACS_PER_STEP.training).toEqual({ simpleRNN: { oneDnn: 5e5, oneDnnOff: 3e5 }, gru: { oneDnn: 1.6e6, oneDnnOff: 3e6 } });
    const training = { ...base, recording: true };
    // SimpleRNN 64 x 64: 0.26 M; 128 x 64: 0.52 M.
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 64 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 128 })).toBe(false);
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 64, oneDnnOptsOff: true })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 96, oneDnnOptsOff: true })).toBe(false);
    // GRU 128 x 64 and 8 x 256: 1.57 M; 16 x 256: 3.1 M.
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 128 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 8, units: 256 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 16, units: 256 })).toBe(false);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 15, units: 256, oneDnnOptsOff: true })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 16, units: 256, oneDnnOptsOff: true })).toBe(false);
  });

  it('training on TensorFlow\'s ops takes the module\'s forward pass where its inference would run (SimpleRNN from 1 M with oneDNN off)', () => {
    const training = { ...base, recording: true };
    expect(SIMD_FORWARD_MIN_MACS_ONEDNN_OFF).toBe(1e6);
    expect(forwardRunsOnSimdModule({ ...training, cell: 'lstm', units: 64 })).toBe(false);
    // Up to the inference limits: GRU 16 M (32 x 384 is 14.2 M, 32 x 512 is 25 M), SimpleRNN 4 M (64 x 256 is 4.2 M).
    expect(forwardRunsOnSimdModule({ ...training, cell: 'gru', units: 384 })).toBe(true);
    expect(forwardRunsOnSimdModule({ ...training, cell: 'gru', units: 512 })).toBe(false);
    expect(forwardRunsOnSimdModule({ ...training, cell: 'simpleRNN', units: 256 })).toBe(true);
    expect(forwardRunsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 64, units: 256 })).toBe(false);
    // oneDNN off: SimpleRNN 128 x 64 (0.52 M) keeps TensorFlow's forward ops, 16 x 256 (1.05 M) takes the module's.
    const off = { ...training, oneDnnOptsOff: true };
    expect(forwardRunsOnSimdModule({ ...off, cell: 'simpleRNN', rows: 128 })).toBe(false);
    expect(forwardRunsOnSimdModule({ ...off, cell: 'simpleRNN', rows: 16, units: 256 })).toBe(true);
    expect(forwardRunsOnSimdModule({ ...off, cell: 'gru', rows: 128 })).toBe(true);
  });

  it('limits shrink with the cores TensorFlow has beyond the module\'s share, and grow with inference threads', () => {
    // GRU 32 x 256 inference is 6.3 M: within 16 M on 2 cores with 2 threads, not on 16 cores with 4 (16 M / 4 = 4 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 256, cores: 16, inferenceThreads: 4 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 128, cores: 16, inferenceThreads: 4 })).toBe(true);
    // One thread on 2 cores: half the limit (8 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 256, inferenceThreads: 1 })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 384, inferenceThreads: 1 })).toBe(false);
    // Training: 8 cores leave a quarter (GRU 0.4 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', recording: true, rows: 8, units: 256, cores: 8 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', recording: true, rows: 32, units: 64, cores: 8 })).toBe(true);
  });
});
