// One optimizer step (applyGradients) on 1M parameters (one 1000x1000 variable), on cpu and wasm, for every
// rnnkit optimizer and, in the same run, tfjs-core's own where it has one. Prints median ms and the ratio.
// Run after a build: `npm run bench` (node bench/run.mjs [--reps 7] [--backends cpu,wasm]).
import '@rnnkit/backend-wasm';
import { tf, useBackend } from '@rnnkit/backend';
import * as opt from '../dist/index.js';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((s) => s.trim().split(/\s+/)));
const REPS = Number(args.reps ?? 7);
const BACKENDS = (args.backends ?? 'cpu,wasm').split(',');
const SHAPE = [1000, 1000];

// [label, ours, tfjs-core's equivalent or null]; tfjs' defaults aligned with ours where both exist.
const CASES = [
  ['sgd', () => opt.sgd({ learningRate: 0.01, reportNorms: false }), () => tf.train.sgd(0.01)],
  ['sgd momentum', () => opt.sgd({ learningRate: 0.01, momentum: 0.9, reportNorms: false }), () => tf.train.momentum(0.01, 0.9)],
  ['adam', () => opt.adam({ reportNorms: false }), () => tf.train.adam(0.001, 0.9, 0.999, 1e-7)],
  ['adam + norm report', () => opt.adam(), () => tf.train.adam(0.001, 0.9, 0.999, 1e-7)],
  ['adam clipnorm 1', () => opt.adam({ clipnorm: 1 }), null],
  ['adam globalClipnorm 1', () => opt.adam({ globalClipnorm: 1 }), null],
  ['adamw', () => opt.adamw({ reportNorms: false }), null],
  ['nadam', () => opt.nadam({ reportNorms: false }), null],
  ['rmsprop', () => opt.rmsprop({ reportNorms: false }), () => tf.train.rmsprop(0.001, 0.9, 0, 1e-7)],
  ['adagrad', () => opt.adagrad({ reportNorms: false }), () => tf.train.adagrad(0.001, 0.1)],
  ['adadelta', () => opt.adadelta({ reportNorms: false }), () => tf.train.adadelta(0.001, 0.95, 1e-7)],
  ['adamax', () => opt.adamax({ reportNorms: false }), () => tf.train.adamax(0.001, 0.9, 0.999, 1e-7)],
];

function medianStepMs(optimizer, variable, grad) {
  const step = () => {
    optimizer.applyGradients({ [variable.name]: grad });
    variable.dataSync(); // wait for the update (a no-op wait on cpu, a real one on async backends)
  };
  step(); // first step creates the state
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)];
}

const fmt = (x) => (x === null ? '    -' : x.toFixed(1).padStart(6));
for (const backend of BACKENDS) {
  await useBackend(backend, { log: false });
  console.log(`\n${backend}: one step on ${SHAPE[0] * SHAPE[1]} parameters, median of ${REPS} (ms)`);
  console.log(`${'optimizer'.padEnd(24)}${'rnnkit'.padStart(8)}${'tfjs'.padStart(8)}  ratio rnnkit/tfjs`);
  for (const [label, ours, theirs] of CASES) {
    const variable = tf.variable(tf.randomNormal(SHAPE, 0, 1, 'float32', 1));
    const grad = tf.randomNormal(SHAPE, 0, 1, 'float32', 2);
    const a = ours();
    const msOurs = medianStepMs(a, variable, grad);
    a.dispose();
    let msTheirs = null;
    if (theirs) {
      const b = theirs();
      msTheirs = medianStepMs(b, variable, grad);
      b.dispose();
    }
    const ratio = msTheirs === null ? '' : `  ${(msOurs / msTheirs).toFixed(2)}x`;
    console.log(`${label.padEnd(24)}${fmt(msOurs)}  ${fmt(msTheirs)}${ratio}`);
    tf.dispose([variable, grad]);
  }
}
