// Trains off the main thread: builds the model, fits the adding problem, streams losses, gradient norms and the
// per-time-step gradient flow, then runs the diagnostics and tries the model on fresh sequences.
import { currentBackend, tf, useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import { layers, sequential, type Callback } from '@rnnkit/core-layers';
import { adam } from '@rnnkit/optimizers';
import { diagnose, gradientRecorder } from '@rnnkit/diagnostics';
import { addingProblem } from '../../src/tasks/adding.js';
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

async function train(c: TrainConfig): Promise<void> {
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

self.onmessage = (e: MessageEvent<{ type: 'train'; config: TrainConfig } | { type: 'stop' }>) => {
  if (e.data.type === 'stop') {
    stopRequested = true;
    if (current) current.stopTraining = true;
    return;
  }
  train(e.data.config).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
