// The planted-fault suite: small real training runs (tiny recurrent models on synthetic tasks, a few seconds each on
// cpu), each with one known fault, plus healthy controls. diagnose() must name the planted code and stay quiet on
// the controls. `consequences` are codes a fault legitimately causes too (documented in the README's table).
import { tf, type CellKind } from '@rnnkit/backend';
import { createPipeline, fromArrays, type PipelineConfig } from '@rnnkit/data-pipeline';
import { diagnose, gradientRecorder, type DiagnosisReport, type FindingCode } from '../../src/index.js';
import { tinyModel, train, trainDataset } from '../helpers/tiny-model.js';
import { adding, lastThreeSum, pad, randomLabels, ragged, signTask, sortByLabel } from './data.js';

export interface Scenario {
  name: string;
  fault: string;
  planted: FindingCode | null;
  consequences: FindingCode[];
  run(): Promise<DiagnosisReport>;
}

interface ArrayRun {
  cell: CellKind;
  units?: number;
  data: { x: number[][][]; y: number[] };
  epochs: number;
  batchSize?: number;
  optimizer?: () => tf.Optimizer;
  loss?: 'mse' | 'binaryCrossentropy';
  masking?: boolean;
  shuffle?: boolean;
  validationSplit?: number;
  everyKBatches?: number;
  activation?: 'tanh' | 'relu';
  recurrentScale?: number;
}

/** Trains on arrays like fit(x, y, ...) with the recorder attached, then diagnoses. Frees every tensor it made. */
export async function runArrays(r: ArrayRun): Promise<DiagnosisReport> {
  const loss = r.loss ?? 'binaryCrossentropy';
  const F = r.data.x[0][0].length;
  const model = tinyModel({ cell: r.cell, units: r.units ?? 8, features: F, masking: r.masking, outputActivation: loss === 'mse' ? 'linear' : 'sigmoid', seed: 3, activation: r.activation, recurrentScale: r.recurrentScale });
  const x = tf.tensor3d(r.data.x);
  const y = tf.tensor2d(r.data.y, [r.data.y.length, 1]);
  const probe = { x: tf.slice(x, [0, 0, 0], [16, -1, -1]), y: tf.slice(y, [0, 0], [16, -1]) };
  const recorder = gradientRecorder({ everyKBatches: r.everyKBatches ?? 5, probe, loss, datasetSize: r.data.y.length - Math.floor(r.data.y.length * (r.validationSplit ?? 0)) });
  const optimizer = r.optimizer?.() ?? tf.train.adam(0.01);
  try {
    const history = train(model, x, y, { epochs: r.epochs, batchSize: r.batchSize ?? 16, optimizer, loss, shuffle: r.shuffle, validationSplit: r.validationSplit, callbacks: [recorder] });
    return diagnose({ model, history, recorder, data: { x: r.data.x, y: r.data.y, shuffled: r.shuffle !== false, validationSplit: r.validationSplit }, options: { loss } });
  } finally {
    tf.dispose([x, y, probe.x, probe.y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** Trains from a data-pipeline Pipeline (fitDataset-style), then diagnoses with its epoch manifest. */
export async function runPipeline(data: { x: number[][][]; y: number[]; ids?: number[] }, config: Omit<PipelineConfig, 'source'>, epochs: number, stepsPerEpoch?: number, masking?: boolean): Promise<DiagnosisReport> {
  const pipeline = createPipeline({ source: fromArrays({ x: data.x, y: data.y, ids: data.ids }), ...config, onWarning: () => {} });
  const model = tinyModel({ cell: 'lstm', units: 8, features: 1, outputActivation: 'sigmoid', seed: 3, masking });
  const x = tf.tensor3d(config.sequence ? pad(data.x.slice(0, 16).map((s) => s.slice(-10)), 10, 'pre') : data.x.slice(0, 16));
  const y = tf.tensor2d(data.y.slice(0, 16), [16, 1]);
  const recorder = gradientRecorder({ everyKBatches: 5, probe: { x, y }, loss: 'binaryCrossentropy' });
  const optimizer = tf.train.adam(0.01);
  try {
    const history = await trainDataset(model, pipeline, { epochs, optimizer, loss: 'binaryCrossentropy', callbacks: [recorder], stepsPerEpoch });
    const seq = typeof config.sequence === 'object' ? config.sequence : undefined;
    return diagnose({ model, pipeline, history, recorder, data: { x: data.x, y: data.y, maxlen: seq?.maxlen, truncating: seq?.truncating }, options: { loss: 'binaryCrossentropy' } });
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

/** The suite; `o` shifts every data seed, so the same faults can be re-run on data the thresholds never saw. */
export function makeScenarios(o = 0): Scenario[] {
  return [
    {
      name: 'drops-last-partial-batch', fault: "pipeline with remainder: 'drop' (100 samples, batches of 32, no shuffle)",
      planted: 'SAMPLES_DROPPED', consequences: [],
      run: () => runPipeline(signTask(100, 10, 1 + o), { batchSize: 32, remainder: 'drop', shuffle: false }, 3),
    },
    {
      name: 'sorted-by-label', fault: 'pipeline over label-sorted data without shuffle',
      planted: 'ORDER_NOT_SHUFFLED', consequences: ['LEARNING_RATE_TOO_HIGH', 'LOSS_PLATEAU', 'EXPLODING_GRADIENTS'],
      run: () => runPipeline(sortByLabel(signTask(128, 10, 2 + o)), { batchSize: 16, shuffle: false }, 3),
    },
    {
      name: 'post-padding-unmasked', fault: 'lengths 5-60 post-padded to 60, LSTM without a mask',
      planted: 'PADDING_NOT_MASKED', consequences: ['PADDING_DOMINATES', 'LOSS_PLATEAU', 'VANISHING_GRADIENTS', 'SEQUENCES_TOO_LONG'],
      run: () => { const d = ragged(128, 5, 60, 3 + o); return runArrays({ cell: 'lstm', data: { x: pad(d.x, 60, 'post'), y: d.y }, epochs: 3 }); },
    },
    {
      name: 'vanishing-simple-rnn', fault: 'tanh SimpleRNN on a 200-step adding problem',
      planted: 'VANISHING_GRADIENTS', consequences: ['SEQUENCES_TOO_LONG', 'LOSS_PLATEAU', 'SATURATED_GATES'],
      run: () => runArrays({ cell: 'simpleRNN', units: 16, data: adding(64, 200, 4 + o), epochs: 4, loss: 'mse', optimizer: () => tf.train.adam(1e-3), everyKBatches: 3 }),
    },
    {
      name: 'learning-rate-1', fault: 'Adam with learning rate 1.0',
      planted: 'LEARNING_RATE_TOO_HIGH', consequences: ['EXPLODING_GRADIENTS', 'LOSS_PLATEAU', 'SATURATED_GATES', 'NON_FINITE', 'VANISHING_GRADIENTS'],
      run: () => runArrays({ cell: 'lstm', data: signTask(128, 10, 5 + o), epochs: 4, optimizer: () => tf.train.adam(1.0) }),
    },
    {
      name: 'inputs-scaled-1e4', fault: 'inputs multiplied by 1e4',
      planted: 'UNSCALED_INPUTS', consequences: ['SATURATED_GATES', 'LOSS_PLATEAU', 'VANISHING_GRADIENTS', 'EXPLODING_GRADIENTS', 'LEARNING_RATE_TOO_HIGH'],
      run: () => { const d = signTask(128, 10, 6 + o); return runArrays({ cell: 'lstm', data: { x: d.x.map((s) => s.map((v) => v.map((u) => u * 1e4))), y: d.y }, epochs: 3 }); },
    },
    {
      name: 'label-sorted-validation-split', fault: 'validationSplit 0.2 on label-sorted data',
      planted: 'VALIDATION_SPLIT_BIASED', consequences: ['OVERFITTING'],
      run: () => runArrays({ cell: 'lstm', data: sortByLabel(signTask(160, 10, 7 + o)), epochs: 4, validationSplit: 0.2 }),
    },
    {
      name: 'nan-in-data', fault: 'three NaN input values',
      planted: 'NON_FINITE', consequences: [],
      run: () => { const d = signTask(128, 10, 8 + o); for (const i of [5, 40, 90]) d.x[i][3][0] = NaN; return runArrays({ cell: 'lstm', data: d, epochs: 2 }); },
    },
    {
      name: 'maxlen-truncates', fault: "lengths 5-60 cut to maxlen 10 (truncating: 'post') by the pipeline",
      planted: 'TRUNCATION_LOSES_DATA', consequences: [],
      run: () => runPipeline(ragged(128, 5, 60, 12 + o), { batchSize: 16, shuffle: { seed: 2 }, sequence: { maxlen: 10, padding: 'pre', truncating: 'post', dtype: 'float32' } }, 3),
    },
    {
      name: 'epoch-cut-short', fault: 'stepsPerEpoch 3 on 7 batches per epoch, no shuffle',
      planted: 'SAMPLES_DROPPED', consequences: [],
      run: () => runPipeline(signTask(112, 10, 13 + o), { batchSize: 16, shuffle: false }, 3, 3),
    },
    {
      name: 'padding-dominates', fault: 'lengths mostly 3-8 with a few of 120, padded to the longest, no bucketing (masked)',
      planted: 'PADDING_DOMINATES', consequences: [],
      run: () => { const a = ragged(120, 3, 8, 17 + o); const b = ragged(4, 110, 120, 18 + o); return runPipeline({ x: [...a.x, ...b.x], y: [...a.y, ...b.y] }, { batchSize: 31, shuffle: { seed: 3 }, sequence: { padding: 'pre', dtype: 'float32' } }, 5, undefined, true); },
    },
    {
      name: 'duplicated-samples', fault: 'the source holds 24 samples twice (same ids)',
      planted: 'SAMPLES_DUPLICATED', consequences: [],
      run: () => { const d = signTask(96, 10, 19 + o); const dup = d.x.slice(0, 24); return runPipeline({ x: [...d.x, ...dup], y: [...d.y, ...d.y.slice(0, 24)], ids: [...d.y.keys(), ...Array.from({ length: 24 }, (_, i) => i)] }, { batchSize: 16, shuffle: { seed: 4 } }, 2); },
    },
    {
      name: 'exploding-relu-rnn', fault: 'relu SimpleRNN with a recurrent kernel scaled by 2 on 30 steps',
      planted: 'EXPLODING_GRADIENTS', consequences: ['LEARNING_RATE_TOO_HIGH', 'NON_FINITE', 'LOSS_PLATEAU', 'SATURATED_GATES'],
      run: () => runArrays({ cell: 'simpleRNN', units: 16, data: signTask(96, 30, 20 + o), epochs: 2, activation: 'relu', recurrentScale: 2, loss: 'mse', optimizer: () => tf.train.sgd(0.01) }),
    },
    {
      name: 'overfitting', fault: '32 samples with random labels, LSTM of 32 units, 40 epochs, validationSplit 0.25',
      planted: 'OVERFITTING', consequences: [],
      run: () => runArrays({ cell: 'lstm', units: 32, data: randomLabels(signTask(32, 10, 21 + o), 71 + o), epochs: 40, validationSplit: 0.25, batchSize: 8 }),
    },
    {
      name: 'control-lstm', fault: 'none: LSTM, shuffled, scaled, 12 steps',
      planted: null, consequences: [],
      run: () => runArrays({ cell: 'lstm', data: signTask(160, 12, 9 + o), epochs: 5 }),
    },
    {
      name: 'control-gru-masked', fault: 'none: GRU with Masking on pre-padded lengths 5-30',
      planted: null, consequences: [],
      run: () => { const d = ragged(160, 5, 30, 10 + o); return runArrays({ cell: 'gru', data: { x: pad(d.x, 30, 'pre'), y: d.y }, epochs: 5, masking: true }); },
    },
    {
      name: 'control-simple-rnn-short', fault: 'none: tanh SimpleRNN on 8 steps',
      planted: null, consequences: [],
      run: () => runArrays({ cell: 'simpleRNN', data: signTask(160, 8, 14 + o), epochs: 5 }),
    },
    {
      name: 'control-regression', fault: 'none: LSTM regression (sum of the last 3 of 15 values, mse)',
      planted: null, consequences: [],
      run: () => runArrays({ cell: 'lstm', units: 16, data: lastThreeSum(160, 15, 15 + o), epochs: 6, loss: 'mse' }),
    },
    {
      name: 'control-validation-split', fault: 'none: validationSplit 0.2 on shuffled data',
      planted: null, consequences: [],
      run: () => runArrays({ cell: 'lstm', data: signTask(160, 10, 16 + o), epochs: 4, validationSplit: 0.2 }),
    },
    {
      name: 'control-pipeline', fault: 'none: shuffled pipeline keeping the remainder',
      planted: null, consequences: [],
      run: () => runPipeline(signTask(100, 10, 11 + o), { batchSize: 16, remainder: 'keep', shuffle: { seed: 1 } }, 4),
    },
  ];
}

export const SCENARIOS: Scenario[] = makeScenarios(0);
