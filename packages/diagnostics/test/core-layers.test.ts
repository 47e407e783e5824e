// The recorder and diagnose() on real @rnnkit/core-layers models trained with fit(), and @rnnkit/optimizers.
import { describe, expect, it } from 'vitest';
import { tf } from '@rnnkit/backend';
import { layers, sequential } from '@rnnkit/core-layers';
import { adam } from '@rnnkit/optimizers';
import { diagnose, gradientRecorder } from '../src/index.js';
import { adding, pad, ragged } from './planted-faults/data.js';

describe('with @rnnkit/core-layers', () => {
  it('fit() feeds the recorder (loss, gradient norms per layer, epoch history); a tanh SimpleRNN on 120 steps vanishes', async () => {
    const before = tf.memory().numTensors;
    const d = adding(64, 120, 31);
    const x = tf.tensor3d(d.x);
    const y = tf.tensor2d(d.y, [64, 1]);
    const model = sequential({ layers: [layers.simpleRNN({ units: 8, inputShape: [120, 2] }), layers.dense({ units: 1 })] });
    const optimizer = adam({ learningRate: 1e-3 });
    model.compile({ optimizer, loss: 'mse' });
    const probe = { x: tf.slice(x, [0, 0, 0], [16, -1, -1]), y: tf.slice(y, [0, 0], [16, -1]) };
    const recorder = gradientRecorder({ everyKBatches: 3, probe, datasetSize: 64 });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 16, callbacks: [recorder], verbose: 0 });
    const e = recorder.evidence();
    expect(e.trace.loss).toHaveLength(8);
    expect(e.trace.gradNorm!.every((g) => Number.isFinite(g) && g > 0)).toBe(true);
    const layerNames = Object.keys(e.trace.layerGradNorms!);
    expect(layerNames).toHaveLength(2);
    for (let i = 0; i < 8; i++) {
      expect(Math.hypot(...layerNames.map((n) => e.trace.layerGradNorms![n][i]))).toBeCloseTo(e.trace.gradNorm![i], 3);
    }
    expect(e.history?.loss).toEqual(history.history.loss);
    expect(e.seenPerEpoch).toEqual([64, 64]);
    expect(e.gates?.map((g) => g.gate)).toEqual(['h']);
    const report = diagnose({ model, recorder, data: { x: d.x, y: d.y } , options: { loss: 'mse' } });
    expect(report.findings.map((f) => f.code)).toContain('VANISHING_GRADIENTS');
    expect(report.findings.find((f) => f.code === 'VANISHING_GRADIENTS')!.fixes[0].snippet).toContain('layers.lstm({ units: 64 })');
    tf.dispose([x, y, probe.x, probe.y]);
    model.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads masks from layers.masking and embedding maskZero (snake_case configs)', () => {
    const d = ragged(40, 5, 30, 32);
    const x = pad(d.x, 30, 'post');
    const unmasked = sequential({ layers: [layers.lstm({ units: 4, inputShape: [30, 1] }), layers.dense({ units: 1 })] });
    const masked = sequential({ layers: [layers.masking({ maskValue: 0, inputShape: [30, 1] }), layers.lstm({ units: 4 }), layers.dense({ units: 1 })] });
    expect(diagnose({ model: unmasked, data: { x } }).findings.map((f) => f.code)).toContain('PADDING_NOT_MASKED');
    expect(diagnose({ model: masked, data: { x } }).findings.map((f) => f.code)).not.toContain('PADDING_NOT_MASKED');
    const tokens = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [30] }), layers.gru({ units: 4 })] });
    const s = diagnose({ model: tokens, data: { x: x.map((r) => r.map(([v]) => (v === 0 ? 0 : 1 + Math.round(Math.abs(v) * 8)))) } });
    expect(s.findings.map((f) => f.code)).not.toContain('PADDING_NOT_MASKED');
    for (const m of [unmasked, masked, tokens]) m.dispose();
  });
});
