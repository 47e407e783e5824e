// The adding problem: the vanishing-gradient story. A tanh SimpleRNN cannot carry the first marked value across
// the sequence; an LSTM or GRU can. The diagnostics measure the gradient's horizon.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentBackend, tf } from '@rnnkit/backend';
import { layers, sequential } from '@rnnkit/core-layers';
import { diagnose, formatHTML, formatText, gradientRecorder, toJSON } from '@rnnkit/diagnostics';
import { optimizerFor, recurrentLayer } from './model-factory.js';
import { progressCallback } from './progress.js';
import type { RunOptions, RunResult } from './run-options.js';
import { addingProblem } from './tasks/adding.js';

export async function runAdding(o: RunOptions, label = 'adding'): Promise<RunResult> {
  const t0 = performance.now();
  const T = o.maxlen;
  const train = addingProblem(o.samples, T, o.seed);
  const test = addingProblem(Math.max(64, Math.floor(o.samples / 4)), T, o.seed + 1);
  const x = tf.tensor3d(train.x, [train.n, T, 2]);
  const y = tf.tensor2d(train.y, [train.n, 1]);
  const xTest = tf.tensor3d(test.x, [test.n, T, 2]);
  const yTest = tf.tensor2d(test.y, [test.n, 1]);
  o.log(`${label}: adding problem, ${train.n} train / ${test.n} test sequences of ${T} steps, ${o.bidirectional ? 'bidirectional ' : ''}${o.cell} ${o.units} units, ${o.optimizer} lr ${o.learningRate}${o.clipnorm > 0 ? ` clipnorm ${o.clipnorm}` : ''}`);
  const model = sequential({ layers: [recurrentLayer(o, { inputShape: [T, 2] }), layers.dense({ units: 1, seed: o.seed })] });
  const optimizer = optimizerFor(o);
  model.compile({ optimizer, loss: 'mse', metrics: ['mae'] });
  const probe = { x: tf.slice(xTest, 0, 16), y: tf.slice(yTest, 0, 16) };
  const recorder = gradientRecorder({ everyKBatches: 10, probe, loss: 'mse', datasetSize: train.n, optimizer, learningRate: o.learningRate });
  const backend = currentBackend()?.name ?? tf.getBackend();
  const fitStart = performance.now();
  const history = await model.fit(x, y, {
    epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, verbose: 0,
    callbacks: [recorder, progressCallback({ epochs: o.epochs, total: train.n, backend, metric: 'mae', enabled: o.progress, log: o.log })],
  });
  const fitSeconds = (performance.now() - fitStart) / 1000;
  const testMse = model.evaluate(xTest, yTest).loss;
  // The trivial baseline predicts the mean target (1.0 in expectation): its mse is the targets' variance.
  const mean = train.y.reduce((a, b) => a + b, 0) / train.n;
  const baseline = test.y.reduce((a, b) => a + (b - mean) ** 2, 0) / test.n;
  const report = diagnose({ model, data: { x, y }, history, recorder, options: { loss: 'mse', learningRate: o.learningRate } });
  const out = resolve(o.out, label);
  mkdirSync(out, { recursive: true });
  await model.save(`file://${join(out, 'model')}`);
  writeFileSync(join(out, 'diagnostics.json'), toJSON(report));
  writeFileSync(join(out, 'diagnostics.html'), formatHTML(report));
  const files = ['model/model.json', 'diagnostics.json', 'diagnostics.html'].map((f) => join(out, f));
  tf.dispose([x, y, xTest, yTest, probe.x, probe.y]);
  optimizer.dispose();
  model.dispose();
  o.log(`test mse ${testMse.toFixed(4)}  (predict-the-mean baseline ${baseline.toFixed(4)})  on ${backend}`);
  o.log(formatText(report));
  o.log(`wrote ${files.join(', ')}`);
  return {
    label, backend, metricName: 'mse', testMetric: testMse, baselineMetric: baseline, higherIsBetter: false,
    finalLoss: history.history.loss.at(-1)!, seconds: (performance.now() - t0) / 1000, samplesPerSecond: (train.n * o.epochs) / fitSeconds,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })), files,
  };
}
