// Timings for the backend showcase: a real LSTM forward+backward through rnnSequence, and a matMul.
import { rnnSequence, tf } from '@rnnkit/backend';

export interface Timing {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  runs: number;
  /** A number computed by the run, to show backends agree (they should to ~1e-4). */
  checksum: number;
}

async function time(run: () => tf.Tensor, runs: number): Promise<Timing> {
  const warm = run();
  const checksum = (await warm.data())[0];
  warm.dispose();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = run();
    await out.data(); // waits for the engine (webgl and tensorflow run asynchronously)
    samples.push(performance.now() - t0);
    out.dispose();
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], runs, checksum };
}

export interface LstmShape { batch: number; time: number; features: number; units: number }

/** Loss = sum of the LSTM's output sequence; returns d(loss)/d(kernel) summed, after a full backward pass. */
export function timeLstm(shape: LstmShape, runs = 5): Promise<Timing> {
  const { batch, time: steps, features, units } = shape;
  const x = tf.randomNormal([batch, steps, features], 0, 1, 'float32', 1) as tf.Tensor3D;
  const kernel = tf.randomNormal([features, 4 * units], 0, 0.3, 'float32', 2) as tf.Tensor2D;
  const recurrentKernel = tf.randomNormal([units, 4 * units], 0, 0.3, 'float32', 3) as tf.Tensor2D;
  const bias = tf.zeros([4 * units]);
  const h0 = tf.zeros([batch, units]) as tf.Tensor2D;
  const lossOf = (k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor) => tf.sum(rnnSequence({
    cell: 'lstm', inputs: x, kernel: k as tf.Tensor2D, recurrentKernel: rk as tf.Tensor2D, bias: b,
    initialState: [h0, h0], returnSequences: true,
  }).outputs);
  const grads = tf.grads(lossOf);
  return time(() => tf.tidy(() => tf.sum(grads([kernel, recurrentKernel, bias])[0])), runs)
    .finally(() => tf.dispose([x, kernel, recurrentKernel, bias, h0]));
}

export function timeMatMul(n: number, runs = 10): Promise<Timing> {
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 4);
  const b = tf.randomNormal([n, n], 0, 1, 'float32', 5);
  return time(() => tf.tidy(() => tf.sum(tf.matMul(a, b))), runs).finally(() => tf.dispose([a, b]));
}
