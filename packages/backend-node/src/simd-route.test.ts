import { describe, expect, it } from 'vitest';
import { runsOnSimdModule, SIMD_MAX_MACS_PER_STEP } from './simd-route.js';

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
    const training = { ...base, recording: true };
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 128 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 128, oneDnnOptsOff: true })).toBe(false);
    expect(runsOnSimdModule({ ...training, cell: 'simpleRNN', rows: 32, units: 256 })).toBe(false);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 128 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 8, units: 256 })).toBe(true);
    expect(runsOnSimdModule({ ...training, cell: 'gru', rows: 32, units: 256 })).toBe(false);
  });

  it('limits shrink with the cores TensorFlow has beyond the module\'s share, and grow with inference threads', () => {
    // GRU 32 x 256 inference is 6.3 M: within 16 M on 2 cores with 2 threads, not on 16 cores with 4 (16 M / 4 = 4 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 256, cores: 16, inferenceThreads: 4 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 128, cores: 16, inferenceThreads: 4 })).toBe(true);
    // One thread on 2 cores: half the limit (8 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 256, inferenceThreads: 1 })).toBe(true);
    expect(runsOnSimdModule({ ...base, cell: 'gru', units: 384, inferenceThreads: 1 })).toBe(false);
    // Training: 8 cores leave a quarter (GRU 0.75 M).
    expect(runsOnSimdModule({ ...base, cell: 'gru', recording: true, rows: 8, units: 256, cores: 8 })).toBe(false);
    expect(runsOnSimdModule({ ...base, cell: 'gru', recording: true, rows: 32, units: 64, cores: 8 })).toBe(true);
  });
});
