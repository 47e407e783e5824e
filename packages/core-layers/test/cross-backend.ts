// The same models on whatever backend is active: outputs, gradients of a loss with respect to every weight, and a
// short fit's losses; tensor leaks counted. Tests compare each backend's results with cpu's.
import { tf } from '@rnnkit/backend';
import { sgd } from '@rnnkit/optimizers';
import { layers, sequential, type Layer } from '../src/index.js';

export interface CaseResult {
  name: string;
  outputs: number[];
  gradients: number[];
  fitLosses: number[];
  leaked: number;
}

const det = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.5);

const CASES: [string, () => Layer[]][] = [
  ['lstm + masking', () => [layers.masking({ inputShape: [5, 3] }), layers.lstm({ units: 4, seed: 1 }), layers.dense({ units: 1, seed: 2 })]],
  ['gru (returnSequences, goBackwards)', () => [layers.gru({ units: 3, returnSequences: true, goBackwards: true, inputShape: [5, 3], seed: 1 }), layers.simpleRNN({ units: 2, seed: 3 }), layers.dense({ units: 1, seed: 2 })]],
  ['bidirectional lstm', () => [layers.bidirectional({ layer: layers.lstm({ units: 3, seed: 1 }), inputShape: [5, 3] }), layers.dense({ units: 1, seed: 2 })]],
];

export function runLayerCases(): CaseResult[] {
  return CASES.map(([name, make]) => {
    // Row 3 is padded (all-zero features) over its last two steps, so masking matters.
    const pad = tf.tensor3d(Array.from({ length: 60 }, (_, i) => (i >= 45 && i % 15 >= 9 ? 0 : 1)), [4, 5, 3]);
    const x = tf.mul(tf.tensor3d(det(60, 1), [4, 5, 3]), pad) as tf.Tensor3D;
    pad.dispose();
    const y = tf.tensor2d(det(4, 2), [4, 1]);
    const m = sequential({ layers: make() });
    // Deterministic weights, identical on every backend.
    const init = m.weights.map((w, i) => tf.tensor(det(w.shape.reduce((a, b) => a * b, 1), 10 + i), w.shape));
    m.setWeights(init);
    tf.dispose(init);
    const before = tf.memory().numTensors;
    const p = m.predict(x);
    const outputs = Array.from(p.dataSync());
    p.dispose();
    const vars = m.trainableWeights.map((w) => w.value);
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => tf.losses.meanSquaredError(y, m.apply(x, { training: true })) as tf.Scalar), vars);
    const gradients = vars.flatMap((v) => Array.from(grads[v.name].dataSync()));
    tf.dispose([value, ...Object.values(grads)]);
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const fitLosses: number[] = [];
    for (let i = 0; i < 3; i++) fitLosses.push(m.trainOnBatch(x, y).loss);
    m.optimizer?.dispose();
    const leaked = tf.memory().numTensors - before;
    m.dispose();
    tf.dispose([x, y]);
    return { name, outputs, gradients, fitLosses, leaked };
  });
}

export const maxDiff = (a: number[], b: number[]) => (a.length !== b.length ? Infinity : Math.max(0, ...a.map((v, i) => Math.abs(v - b[i]))));
