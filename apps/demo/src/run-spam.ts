// The default task: spam or ham from the message text, through the whole rnnkit path: tokenizer, pipeline
// (shuffle, truncation, padding, masks, optional bucketing, manifest), model, fit, diagnostics, saved outputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentBackend, tf } from '@rnnkit/backend';
import { createTokenizer, padSequences, trainValidationSplit } from '@rnnkit/data-pipeline';
import { diagnose, formatHTML, formatText, gradientRecorder, toJSON } from '@rnnkit/diagnostics';
import { optimizerFor, textClassifier } from './model-factory.js';
import { progressCallback } from './progress.js';
import { tokenDataset } from './token-dataset.js';
import type { RunOptions, RunResult } from './run-options.js';
import { loadSpamAssassin } from './tasks/spam.js';

export async function runSpam(o: RunOptions, label = 'spam'): Promise<RunResult> {
  const t0 = performance.now();
  const messages = loadSpamAssassin(o.samples, o.seed);
  const split = trainValidationSplit(messages, { validationFraction: 0.2, seed: o.seed, stratifyBy: (m) => m.label });
  const tokenizer = createTokenizer({ numWords: 5000 }).fitOnTexts(split.train.map((m) => m.text));
  const trainSeqs = tokenizer.textsToSequences(split.train.map((m) => m.text));
  const testSeqs = tokenizer.textsToSequences(split.validation.map((m) => m.text));
  let maxId = 1;
  for (const seq of [...trainSeqs, ...testSeqs]) for (const id of seq) if (id > maxId) maxId = id;
  const vocab = maxId + 1;
  const trainLabels = split.train.map((m) => m.label);
  o.log(`${label}: ${messages.length} SpamAssassin messages (${split.train.length} train, ${split.validation.length} test), vocabulary ${vocab}, maxlen ${o.maxlen} (${o.padding}-padding, ${o.truncating}-truncation), ${o.bidirectional ? 'bidirectional ' : ''}${o.cell} ${o.units} units, ${o.mask ? 'masked' : 'NOT masked'}, ${o.bucketing ? 'bucketed' : 'not bucketed'}, ${o.optimizer} lr ${o.learningRate}${o.clipnorm > 0 ? ` clipnorm ${o.clipnorm}` : ''}`);

  const { pipeline, dataset } = tokenDataset(o, trainSeqs, trainLabels, 'column');

  const model = textClassifier(o, vocab);
  const optimizer = optimizerFor(o);
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const test = padSequences(testSeqs, { maxlen: o.maxlen, padding: o.padding, truncating: o.truncating });
  const xTest = tf.tensor2d(test.data as Int32Array, test.shape as [number, number], 'int32');
  const yTest = tf.tensor2d(split.validation.map((m) => m.label), [split.validation.length, 1]);
  const probe = { x: tf.slice(xTest, 0, Math.min(16, split.validation.length)), y: tf.slice(yTest, 0, Math.min(16, split.validation.length)) };
  const recorder = gradientRecorder({ everyKBatches: 10, probe, loss: 'binaryCrossentropy', datasetSize: split.train.length, optimizer, learningRate: o.learningRate });
  const backend = currentBackend()?.name ?? tf.getBackend();
  const fitStart = performance.now();
  const history = await model.fitDataset(dataset, {
    epochs: o.epochs,
    verbose: 0,
    callbacks: [recorder, progressCallback({ epochs: o.epochs, total: split.train.length, backend, metric: 'acc', enabled: o.progress, log: o.log })],
  });
  const fitSeconds = (performance.now() - fitStart) / 1000;

  const testMask = o.mask ? tf.tensor2d(test.mask, test.shape as [number, number]) : undefined;
  const pred = model.predict(xTest, { batchSize: 64, mask: testMask });
  testMask?.dispose();
  const predicted = pred.dataSync();
  const truth: number[] = split.validation.map((m) => m.label);
  const accuracy = truth.reduce((a, y, i) => a + (Number(predicted[i] > 0.5) === y ? 1 : 0), 0) / truth.length;
  const spamShare = truth.reduce((a, y) => a + y, 0) / truth.length;
  const baseline = Math.max(spamShare, 1 - spamShare);
  pred.dispose();

  const report = diagnose({
    model,
    // The sequences as padded for the model (maxlen, side), so padding and truncation are judged as trained.
    data: { x: padSequences(trainSeqs, { maxlen: o.maxlen, padding: o.padding, truncating: o.truncating }), y: trainLabels, maxlen: o.maxlen, padding: o.padding, truncating: o.truncating, shuffled: true },
    pipeline,
    history,
    recorder,
    options: { loss: 'binaryCrossentropy', learningRate: o.learningRate },
  });
  const out = resolve(o.out, label);
  mkdirSync(out, { recursive: true });
  await model.save(`file://${join(out, 'model')}`);
  writeFileSync(join(out, 'diagnostics.json'), toJSON(report));
  writeFileSync(join(out, 'diagnostics.html'), formatHTML(report));
  const coverage = pipeline.manifest.coverage();
  const summary = {
    totalSamples: coverage.totalSamples,
    epochs: coverage.epochs.map((e) => ({ epoch: e.epoch, seen: e.seen, batches: e.batches, neverSeen: e.neverSeen.length, seenTwice: e.seenTwice.length, truncatedSamples: e.truncated.samples, stepsCut: e.truncated.stepsCut, paddingFraction: e.padding.fraction })),
  };
  writeFileSync(join(out, 'coverage.json'), JSON.stringify(summary, null, 2));
  const files = ['model/model.json', 'model/weights.bin', 'diagnostics.json', 'diagnostics.html', 'coverage.json'].map((f) => join(out, f));
  tf.dispose([xTest, yTest, probe.x, probe.y]);
  optimizer.dispose();
  model.dispose();

  const last = summary.epochs[summary.epochs.length - 1];
  o.log(`coverage: every epoch ${summary.epochs.every((e) => e.seen === summary.totalSamples) ? 'saw' : 'did NOT see'} all ${summary.totalSamples} training samples; last epoch ${last.batches} batches, ${last.truncatedSamples} truncated (${last.stepsCut} steps cut), padding ${(100 * last.paddingFraction).toFixed(1)}%`);
  o.log(`test accuracy ${accuracy.toFixed(3)}  (majority-class baseline ${baseline.toFixed(3)})  on ${backend}, ${(split.train.length * o.epochs / fitSeconds).toFixed(0)} samples/s`);
  o.log(formatText(report));
  o.log(`wrote ${files.join(', ')}`);
  return {
    label, backend, metricName: 'accuracy', testMetric: accuracy, baselineMetric: baseline, higherIsBetter: true,
    finalLoss: history.history.loss.at(-1)!, seconds: (performance.now() - t0) / 1000, samplesPerSecond: (split.train.length * o.epochs) / fitSeconds,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })), files,
  };
}
