// Overhead of gradientRecorder on a training run: the same LSTM trained with and without it, same seeds.
// Runs against the built packages: `node ../../scripts/pnpm.mjs run build && node bench/recorder-overhead.mjs`.
// Options: --every=K (default: the recorder's default, 20), --epochs=N, --repeats=R.
import { rnnSequence, tf } from '@rnnkit/backend';
import { gradientRecorder } from '@rnnkit/diagnostics';

const arg = (name, d) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const EVERY = arg('every', 20);
const EPOCHS = arg('epochs', 3);
const REPEATS = arg('repeats', 3);
const [N, T, F, U, B] = [512, 50, 4, 32, 32];

function model(seed) {
  const v = (t) => tf.variable(t, true, `w${Math.random()}`);
  const k = v(tf.randomUniform([F, 4 * U], -0.2, 0.2, 'float32', seed));
  const r = v(tf.randomUniform([U, 4 * U], -0.2, 0.2, 'float32', seed + 1));
  const b = v(tf.zeros([4 * U]));
  const dk = v(tf.randomUniform([U, 1], -0.3, 0.3, 'float32', seed + 2));
  const layers = [
    { name: 'lstm', getClassName: () => 'LSTM', getConfig: () => ({ units: U }), getWeights: () => [k, r, b] },
    { name: 'dense', getClassName: () => 'Dense', getConfig: () => ({ units: 1 }), getWeights: () => [dk] },
  ];
  const apply = (x) => {
    const init = [tf.zeros([x.shape[0], U]), tf.zeros([x.shape[0], U])];
    return tf.matMul(rnnSequence({ cell: 'lstm', inputs: x, kernel: k, recurrentKernel: r, bias: b, initialState: init }).outputs, dk);
  };
  return { layers, apply, vars: [k, r, b, dk], trainableWeights: [['lstm/kernel', k], ['lstm/recurrent_kernel', r], ['lstm/bias', b], ['dense/kernel', dk]].map(([name, value]) => ({ name, value })) };
}

function fit(m, x, y, callbacks, gradNorms) {
  const opt = tf.train.adam(1e-3);
  for (const cb of callbacks) cb.setModel(m);
  let batch = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const cb of callbacks) cb.onEpochBegin(epoch);
    for (let s = 0; s < N; s += B) {
      const logs = tf.tidy(() => {
        const xb = tf.slice(x, [s, 0, 0], [B, -1, -1]);
        const yb = tf.slice(y, [s, 0], [B, -1]);
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(m.apply(xb), yb))), m.vars);
        // Gradient norms are what a trainer computes on the recorder's request: part of the recorder's cost.
        const gradNorm = gradNorms ? Math.sqrt(tf.addN(m.vars.map((v) => tf.sum(tf.square(grads[v.name])))).dataSync()[0]) : undefined;
        opt.applyGradients(grads);
        return { loss: value.dataSync()[0], gradNorm, size: B };
      });
      for (const cb of callbacks) cb.onBatchEnd(batch++, logs);
    }
  }
  opt.dispose();
}

const x = tf.randomNormal([N, T, F], 0, 1, 'float32', 1);
const y = tf.tidy(() => tf.sum(tf.slice(x, [0, T - 5, 0], [N, 5, 1]), 1));
const probe = { x: tf.slice(x, [0, 0, 0], [16, -1, -1]), y: tf.slice(y, [0, 0], [16, -1]) };
const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
const rows = [];
for (let r = 0; r < REPEATS; r++) {
  const m1 = model(3);
  const base = time(() => fit(m1, x, y, [], false));
  const m2 = model(3);
  const rec = gradientRecorder({ everyKBatches: EVERY, probe });
  const withRec = time(() => fit(m2, x, y, [rec], true));
  rows.push({ base, withRec, probes: rec.evidence().gradientFlow?.probes.length ?? 0, probeMs: rec.probeMs });
  for (const v of [...m1.vars, ...m2.vars]) v.dispose();
}
const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const base = med(rows.map((r) => r.base));
const withRec = med(rows.map((r) => r.withRec));
console.log(`backend ${tf.getBackend()}; LSTM ${U} units, ${N} samples x ${T} steps x ${F} features, batch ${B}, ${EPOCHS} epochs (${EPOCHS * N / B} batches)`);
console.log(`gradientRecorder({ everyKBatches: ${EVERY} }), probe batch 16: ${rows[0].probes} probes per run`);
console.log(`fit without recorder: ${base.toFixed(0)} ms; with recorder: ${withRec.toFixed(0)} ms; overhead ${(100 * (withRec / base - 1)).toFixed(1)}% (median of ${REPEATS}); time in probes ${med(rows.map((r) => r.probeMs)).toFixed(0)} ms = ${(100 * med(rows.map((r) => r.probeMs)) / base).toFixed(1)}% of fit`);
