// A second real-data task of another shape: character-level sequence classification (6 classes) on CMUdict words,
// short sequences with variable lengths, bucketed and masked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentBackend, tf } from '@rnnkit/backend';
import { createTokenizer, padSequences, trainValidationSplit } from '@rnnkit/data-pipeline';
import { layers, sequential } from '@rnnkit/core-layers';
import { diagnose, formatHTML, formatText, gradientRecorder, toJSON } from '@rnnkit/diagnostics';
import { optimizerFor, recurrentLayer } from './model-factory.js';
import { progressCallback } from './progress.js';
import { tokenDataset } from './token-dataset.js';
import type { RunOptions, RunResult } from './run-options.js';
import { loadCmudict, MAX_SYLLABLES } from './tasks/cmudict.js';

export async function runSyllables(o: RunOptions, label = 'syllables'): Promise<RunResult> {
  const t0 = performance.now();
  const words = loadCmudict(o.samples, o.seed);
  const split = trainValidationSplit(words, { validationFraction: 0.2, seed: o.seed, stratifyBy: (w) => w.syllables });
  const tokenizer = createTokenizer({ level: 'char' }).fitOnTexts(split.train.map((w) => w.word));
  const trainSeqs = tokenizer.textsToSequences(split.train.map((w) => w.word));
  const testSeqs = tokenizer.textsToSequences(split.validation.map((w) => w.word));
  const vocab = tokenizer.vocabularySize + 2;
  o.log(`${label}: ${words.length} CMUdict words (${split.train.length} train, ${split.validation.length} test), ${MAX_SYLLABLES} syllable classes, characters ${vocab}, ${o.bidirectional ? 'bidirectional ' : ''}${o.cell} ${o.units} units, ${o.mask ? 'masked' : 'NOT masked'}, ${o.bucketing ? 'bucketed' : 'not bucketed'}`);
  const { pipeline, dataset } = tokenDataset(o, trainSeqs, split.train.map((w) => w.syllables), 'classIds');
  const model = sequential({
    layers: [
      layers.embedding({ inputDim: vocab, outputDim: 16, maskZero: o.mask, inputShape: [null as unknown as number], seed: o.seed }),
      recurrentLayer(o),
      layers.dense({ units: MAX_SYLLABLES, activation: 'softmax', seed: o.seed }),
    ],
  });
  const optimizer = optimizerFor(o);
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const test = padSequences(testSeqs, { maxlen: o.maxlen, padding: o.padding, truncating: o.truncating });
  const xTest = tf.tensor2d(test.data as Int32Array, test.shape as [number, number], 'int32');
  const truth = split.validation.map((w) => w.syllables);
  const probe = { x: tf.slice(xTest, 0, Math.min(16, truth.length)), y: tf.tensor1d(truth.slice(0, 16)) };
  const recorder = gradientRecorder({ everyKBatches: 10, probe, loss: 'sparseCategoricalCrossentropy', datasetSize: split.train.length, optimizer, learningRate: o.learningRate });
  const backend = currentBackend()?.name ?? tf.getBackend();
  const fitStart = performance.now();
  const history = await model.fitDataset(dataset, {
    epochs: o.epochs, verbose: 0,
    callbacks: [recorder, progressCallback({ epochs: o.epochs, total: split.train.length, backend, metric: 'acc', enabled: o.progress, log: o.log })],
  });
  const fitSeconds = (performance.now() - fitStart) / 1000;
  const pred = model.predict(xTest, { batchSize: 128 });
  const predicted = tf.tidy(() => Array.from(tf.argMax(pred, -1).dataSync()));
  pred.dispose();
  const accuracy = truth.reduce((a, y, i) => a + (predicted[i] === y ? 1 : 0), 0) / truth.length;
  const counts = Array.from({ length: MAX_SYLLABLES }, (_, c) => truth.filter((y) => y === c).length);
  const baseline = Math.max(...counts) / truth.length;
  const report = diagnose({
    model, data: { x: padSequences(trainSeqs, { maxlen: o.maxlen, padding: o.padding, truncating: o.truncating }), y: split.train.map((w) => w.syllables), maxlen: o.maxlen, padding: o.padding, truncating: o.truncating, shuffled: true },
    pipeline, history, recorder, options: { loss: 'sparseCategoricalCrossentropy', learningRate: o.learningRate },
  });
  const out = resolve(o.out, label);
  mkdirSync(out, { recursive: true });
  await model.save(`file://${join(out, 'model')}`);
  writeFileSync(join(out, 'diagnostics.json'), toJSON(report));
  writeFileSync(join(out, 'diagnostics.html'), formatHTML(report));
  const files = ['model/model.json', 'diagnostics.json', 'diagnostics.html'].map((f) => join(out, f));
  tf.dispose([xTest, probe.x, probe.y]);
  optimizer.dispose();
  model.dispose();
  o.log(`test accuracy ${accuracy.toFixed(3)}  (majority-class baseline ${baseline.toFixed(3)})  on ${backend}`);
  o.log(formatText(report));
  o.log(`wrote ${files.join(', ')}`);
  return {
    label, backend, metricName: 'accuracy', testMetric: accuracy, baselineMetric: baseline, higherIsBetter: true,
    finalLoss: history.history.loss.at(-1)!, seconds: (performance.now() - t0) / 1000, samplesPerSecond: (split.train.length * o.epochs) / fitSeconds,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })), files,
  };
}
