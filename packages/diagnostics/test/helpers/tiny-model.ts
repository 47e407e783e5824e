// A tiny recurrent model and training loop for tests, built on @rnnkit/backend's rnnSequence and tfjs-core's
// optimizers. It has the public surface the diagnostics read (layers with getClassName/getConfig/getWeights/apply,
// model.apply, trainableWeights, Keras-style callbacks), so the same tests run against core-layers once it lands.
import { rnnSequence, tf, type CellKind } from '@rnnkit/backend';

export interface TinyConfig {
  cell: CellKind;
  units: number;
  features: number;
  outputs?: number;
  outputActivation?: 'linear' | 'sigmoid';
  masking?: boolean;
  seed?: number;
  /** Cell activation (default tanh) and a factor on the initial recurrent kernel (default 1). */
  activation?: 'tanh' | 'relu';
  recurrentScale?: number;
}

const CLASS = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const;
const GATES = { simpleRNN: 1, lstm: 4, gru: 3 } as const;

export interface TinyModel {
  layers: { name: string; getClassName(): string; getConfig(): Record<string, unknown>; getWeights(): tf.Tensor[]; apply(x: tf.Tensor): tf.Tensor }[];
  trainableWeights: { name: string; value: tf.Variable }[];
  apply(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

export function tinyModel(c: TinyConfig): TinyModel {
  const seed = c.seed ?? 1;
  const G = GATES[c.cell];
  const U = c.units;
  const out = c.outputs ?? 1;
  const glorot = (r: number, k: number, s: number) => tf.randomUniform([r, k], -Math.sqrt(6 / (r + k)), Math.sqrt(6 / (r + k)), 'float32', s);
  // Variables get unique names (tfjs requires it); the init tensor is disposed once copied.
  const v = (make: () => tf.Tensor, name: string): tf.Variable & tf.Tensor2D => {
    const init = tf.tidy(make);
    const variable = tf.variable(init, true, `${name}_${seed}_${Math.random().toString(36).slice(2)}`);
    init.dispose();
    return variable as unknown as tf.Variable & tf.Tensor2D;
  };
  const kernel = v(() => glorot(c.features, G * U, seed), 'rnn/kernel');
  const rec = v(() => tf.mul(glorot(U, G * U, seed + 1), c.recurrentScale ?? 1), 'rnn/recurrent_kernel');
  const bias = v(() => (c.cell === 'lstm' ? tf.concat([tf.zeros([U]), tf.ones([U]), tf.zeros([2 * U])]) : c.cell === 'gru' ? tf.zeros([2, 3 * U]) : tf.zeros([U])), 'rnn/bias');
  const dk = v(() => glorot(U, out, seed + 2), 'dense/kernel');
  const db = v(() => tf.zeros([out]), 'dense/bias');
  // The mask is computed from a copy of the values, off the gradient tape (NotEqual has no gradient), like Keras' Masking.
  const maskOf = (x: tf.Tensor) => tf.tidy(() => tf.cast(tf.any(tf.notEqual(tf.tensor(x.dataSync(), x.shape), 0), 2), 'float32')) as tf.Tensor2D;
  const rnn = (x: tf.Tensor) => {
    const B = x.shape[0];
    const init = (c.cell === 'lstm' ? [tf.zeros([B, U]), tf.zeros([B, U])] : [tf.zeros([B, U])]) as tf.Tensor2D[];
    return rnnSequence({ cell: c.cell, inputs: x as tf.Tensor3D, kernel, recurrentKernel: rec, bias, initialState: init, mask: c.masking ? maskOf(x) : undefined, activation: c.activation, resetAfter: c.cell === 'gru' ? true : undefined }).outputs;
  };
  const dense = (h: tf.Tensor) => {
    const z = tf.add(tf.matMul(h as tf.Tensor2D, dk), db);
    return c.outputActivation === 'sigmoid' ? tf.sigmoid(z) : z;
  };
  const layers: TinyModel['layers'] = [];
  if (c.masking) layers.push({ name: 'masking', getClassName: () => 'Masking', getConfig: () => ({ maskValue: 0 }), getWeights: () => [], apply: (x) => x });
  layers.push({ name: 'rnn', getClassName: () => CLASS[c.cell], getConfig: () => ({ units: U, activation: c.activation ?? 'tanh', recurrentActivation: 'sigmoid', resetAfter: true }), getWeights: () => [kernel, rec, bias], apply: rnn });
  layers.push({ name: 'dense', getClassName: () => 'Dense', getConfig: () => ({ units: out }), getWeights: () => [dk, db], apply: dense });
  const vars = [kernel, rec, bias, dk, db];
  return {
    layers,
    trainableWeights: [['rnn/kernel', kernel], ['rnn/recurrent_kernel', rec], ['rnn/bias', bias], ['dense/kernel', dk], ['dense/bias', db]].map(([name, value]) => ({ name: name as string, value: value as unknown as tf.Variable })),
    apply: (x) => dense(rnn(x)),
    dispose: () => vars.forEach((v) => v.dispose()),
  };
}

export interface Callback {
  setModel?(m: unknown): void;
  onEpochBegin?(epoch: number): void;
  onBatchEnd?(batch: number, logs: Record<string, unknown>): void;
  onEpochEnd?(epoch: number, logs: Record<string, unknown>): void;
}

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  optimizer: tf.Optimizer;
  loss: 'mse' | 'binaryCrossentropy';
  shuffle?: boolean;
  seed?: number;
  validationSplit?: number;
  dropRemainder?: boolean;
  callbacks?: Callback[];
}

function lossFn(name: TrainConfig['loss'], y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  if (name === 'mse') return tf.mean(tf.square(tf.sub(p, y))) as tf.Scalar;
  const q = tf.clipByValue(p, 1e-7, 1 - 1e-7);
  return tf.neg(tf.mean(tf.add(tf.mul(y, tf.log(q)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, q)))))) as tf.Scalar;
}

/** Keras-like fit over x [N, T, F] and y [N, 1]: validation is the tail (like Keras' validationSplit). */
export function train(model: TinyModel, x: tf.Tensor3D, y: tf.Tensor2D, c: TrainConfig): { history: { loss: number[]; val_loss?: number[] } } {
  const N = x.shape[0];
  const nVal = c.validationSplit ? Math.floor(N * c.validationSplit) : 0;
  const nTrain = N - nVal;
  const vars = model.trainableWeights.map((w) => w.value);
  const history: { loss: number[]; val_loss?: number[] } = { loss: [] };
  if (nVal) history.val_loss = [];
  for (const cb of c.callbacks ?? []) cb.setModel?.(model);
  let s = c.seed ?? 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let batchIndex = 0;
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (const cb of c.callbacks ?? []) cb.onEpochBegin?.(epoch);
    const order = Array.from({ length: nTrain }, (_, i) => i);
    if (c.shuffle !== false) for (let i = nTrain - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let sum = 0;
    let count = 0;
    for (let b = 0; b < nTrain; b += c.batchSize) {
      const ids = order.slice(b, b + c.batchSize);
      if (c.dropRemainder && ids.length < c.batchSize) break;
      const logs = tf.tidy(() => {
        const idx = tf.tensor1d(ids, 'int32');
        const xb = tf.gather(x, idx);
        const yb = tf.gather(y, idx);
        const { value, grads } = tf.variableGrads(() => lossFn(c.loss, yb, model.apply(xb)), vars);
        const norms: Record<string, number> = {};
        let total = 0;
        for (const w of model.trainableWeights) {
          const sq = tf.sum(tf.square(grads[w.value.name])).dataSync()[0];
          const layer = w.name.split('/')[0];
          norms[layer] = (norms[layer] ?? 0) + sq;
          total += sq;
        }
        c.optimizer.applyGradients(grads);
        for (const k of Object.keys(norms)) norms[k] = Math.sqrt(norms[k]);
        return { loss: value.dataSync()[0], gradNorm: Math.sqrt(total), layerGradNorms: norms, size: ids.length };
      });
      sum += logs.loss * ids.length;
      count += ids.length;
      for (const cb of c.callbacks ?? []) cb.onBatchEnd?.(batchIndex, logs);
      batchIndex++;
    }
    history.loss.push(sum / Math.max(count, 1));
    if (nVal) {
      const v = tf.tidy(() => lossFn(c.loss, tf.slice(y, [nTrain, 0], [nVal, -1]), model.apply(tf.slice(x, [nTrain, 0, 0], [nVal, -1, -1]))).dataSync()[0]);
      history.val_loss!.push(v);
    }
    for (const cb of c.callbacks ?? []) cb.onEpochEnd?.(epoch, { loss: history.loss[epoch], ...(nVal ? { val_loss: history.val_loss![epoch] } : {}) });
  }
  return { history };
}

/** fitDataset-like training over a BatchSource (e.g. a data-pipeline Pipeline): y [B] or [B, 1] float. */
export async function trainDataset(
  model: TinyModel,
  source: { epochBatches(epoch: number): AsyncIterable<{ x: { data: ArrayLike<number>; shape: number[] }; y?: { data: ArrayLike<number>; shape: number[] } }> },
  c: Omit<TrainConfig, 'batchSize' | 'shuffle' | 'validationSplit' | 'dropRemainder'> & { stepsPerEpoch?: number },
): Promise<{ history: { loss: number[] } }> {
  const vars = model.trainableWeights.map((w) => w.value);
  const history = { loss: [] as number[] };
  for (const cb of c.callbacks ?? []) cb.setModel?.(model);
  let batchIndex = 0;
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (const cb of c.callbacks ?? []) cb.onEpochBegin?.(epoch);
    let sum = 0;
    let count = 0;
    let steps = 0;
    for await (const b of source.epochBatches(epoch)) {
      // Like Keras' stepsPerEpoch: stop reading the epoch after that many batches.
      if (c.stepsPerEpoch !== undefined && steps++ >= c.stepsPerEpoch) break;
      const n = b.x.shape[0];
      const logs = tf.tidy(() => {
        const shape = b.x.shape.length === 2 ? [...b.x.shape, 1] : b.x.shape;
        const xb = tf.tensor(Float32Array.from(b.x.data), shape);
        const yb = tf.tensor(Float32Array.from(b.y!.data), [n, 1]);
        const { value, grads } = tf.variableGrads(() => lossFn(c.loss, yb, model.apply(xb)), vars);
        let total = 0;
        for (const w of vars) total += tf.sum(tf.square(grads[w.name])).dataSync()[0];
        c.optimizer.applyGradients(grads);
        return { loss: value.dataSync()[0], gradNorm: Math.sqrt(total), size: n };
      });
      sum += logs.loss * n;
      count += n;
      for (const cb of c.callbacks ?? []) cb.onBatchEnd?.(batchIndex++, logs);
    }
    history.loss.push(sum / Math.max(count, 1));
  }
  return { history };
}
