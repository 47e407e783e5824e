// The page: options, backend picker (with what each backend reports), live charts, diagnostics with one-click
// fixes, and the trained model tried on fresh sequences. Training runs in train-worker.ts.
import { Chart, registerables } from 'chart.js';
import { listBackends } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-webgl';
import type { TrainConfig, WorkerMessage } from './messages.js';

Chart.register(...registerables);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);

function lineChart(id: string, label: string, logScale = false): Chart {
  return new Chart($<HTMLCanvasElement>(id), {
    type: 'line',
    data: { labels: [], datasets: [{ label, data: [], borderWidth: 1, pointRadius: 0 }] },
    options: { animation: false, scales: { y: { type: logScale ? 'logarithmic' : 'linear' } } },
  });
}
const lossChart = lineChart('loss-chart', 'loss');
const gradChart = lineChart('grad-chart', 'global gradient norm', true);
const flowRows: number[][] = [];
const lengthChart = new Chart($<HTMLCanvasElement>('length-chart'), {
  type: 'bar',
  data: { labels: [], datasets: [{ label: 'words', data: [] }, { label: 'cut by maxlen', data: [] }] },
  options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
});

function drawFlow(): void {
  const canvas = $<HTMLCanvasElement>('flow');
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!flowRows.length) return;
  const all = flowRows.flat().filter((v) => v > 0).map(Math.log10);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const w = canvas.width / flowRows[0].length;
  const h = canvas.height / flowRows.length;
  flowRows.forEach((row, r) => row.forEach((v, t) => {
    const s = v > 0 && hi > lo ? (Math.log10(v) - lo) / (hi - lo) : 0;
    ctx.fillStyle = `rgb(${Math.round(255 * s)}, ${Math.round(80 + 120 * s)}, ${Math.round(255 * (1 - s))})`;
    ctx.fillRect(t * w, r * h, Math.ceil(w), Math.ceil(h));
  }));
}

function readConfig(): TrainConfig {
  return {
    task: $<HTMLSelectElement>('task').value as TrainConfig['task'],
    backend: $<HTMLSelectElement>('backend').value as TrainConfig['backend'],
    cell: $<HTMLSelectElement>('cell').value as TrainConfig['cell'],
    units: Number(input('units').value), steps: Number(input('steps').value), samples: Number(input('samples').value),
    epochs: Number(input('epochs').value), learningRate: Number(input('lr').value), clipnorm: Number(input('clipnorm').value),
  };
}

/** What one click changes for a finding, where the fix maps onto an option of this page. */
const FIXES: Record<string, { label: string; apply: () => void }> = {
  VANISHING_GRADIENTS: { label: 'use an LSTM', apply: () => { $<HTMLSelectElement>('cell').value = 'lstm'; } },
  SEQUENCES_TOO_LONG: { label: 'use an LSTM', apply: () => { $<HTMLSelectElement>('cell').value = 'lstm'; } },
  LOSS_PLATEAU: { label: 'use an LSTM', apply: () => { $<HTMLSelectElement>('cell').value = 'lstm'; } },
  EXPLODING_GRADIENTS: { label: 'clip gradients (clipnorm 1)', apply: () => { input('clipnorm').value = '1'; } },
  LEARNING_RATE_TOO_HIGH: { label: 'divide the learning rate by 10', apply: () => { input('lr').value = String(Number(input('lr').value) / 10); } },
  LEARNING_RATE_TOO_LOW: { label: 'multiply the learning rate by 10', apply: () => { input('lr').value = String(Number(input('lr').value) * 10); } },
  NON_FINITE: { label: 'lower the learning rate and clip', apply: () => { input('lr').value = String(Number(input('lr').value) / 10); input('clipnorm').value = '1'; } },
};

let worker: Worker | undefined;

function start(): void {
  worker?.terminate();
  worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
  for (const c of [lossChart, gradChart]) { c.data.labels = []; c.data.datasets[0].data = []; c.update(); }
  flowRows.length = 0;
  drawFlow();
  $('status').textContent = 'training';
  $('findings').innerHTML = '';
  $<HTMLButtonElement>('stop').disabled = false;
  document.body.dataset.state = 'training';
  let batch = 0;
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === 'started') {
      $('backend-used').textContent = m.backend;
      const c = m.capabilities as { simd?: boolean; threads?: boolean; webglVersion?: number; float32Textures?: boolean; floatPrecision?: number; fusedKernels?: string[] };
      const parts = [c.webglVersion && `WebGL ${c.webglVersion}`, c.float32Textures !== undefined && `float32 textures ${c.float32Textures ? 'yes' : 'no'}`,
        c.floatPrecision && `${c.floatPrecision}-bit floats`, c.simd !== undefined && `SIMD ${c.simd ? 'on' : 'off'}`, c.threads !== undefined && `threads ${c.threads ? 'on' : 'off'}`,
        `fused kernels: ${c.fusedKernels?.length ? c.fusedKernels.join(', ') : 'none'}`].filter(Boolean);
      $('capabilities').textContent = `(${parts.join(', ')})`;
    }
    if (m.type === 'batch') {
      lossChart.data.labels!.push(batch);
      lossChart.data.datasets[0].data.push(m.loss);
      gradChart.data.labels!.push(batch++);
      gradChart.data.datasets[0].data.push(m.gradNorm ?? null);
      if (batch % 4 === 0) { lossChart.update(); gradChart.update(); }
    }
    if (m.type === 'epoch') { flowRows.push(m.flow); drawFlow(); $('status').textContent = `epoch ${m.epoch + 1}: loss ${m.loss.toFixed(4)}`; }
    if (m.type === 'done') finish(m);
    if (m.type === 'lengths') {
      lengthChart.data.labels = m.histogram.map((_, i) => (i === m.histogram.length - 1 ? `${i}+` : String(i)));
      lengthChart.data.datasets[0].data = m.histogram.map((v, i) => (i <= m.maxlen ? v : 0));
      lengthChart.data.datasets[1].data = m.histogram.map((v, i) => (i > m.maxlen ? v : 0));
      lengthChart.update();
    }
    if (m.type === 'word') $('word-result').textContent = `${m.word}: ${m.syllables} syllable(s) (p = ${m.probability.toFixed(2)})`;
    if (m.type === 'error') { $('status').textContent = `error: ${m.message}`; document.body.dataset.state = 'error'; }
  };
  worker.postMessage({ type: 'train', config: readConfig() });
}

function finish(m: Extract<WorkerMessage, { type: 'done' }>): void {
  lossChart.update();
  gradChart.update();
  $<HTMLButtonElement>('stop').disabled = true;
  $('status').textContent = m.stopped ? 'stopped' : 'done';
  $('summary').textContent = `loss ${m.losses[0].toFixed(4)} -> ${m.losses.at(-1)!.toFixed(4)} over ${m.losses.length} epoch(s)`;
  $('summary').dataset.first = String(m.losses[0]);
  $('summary').dataset.last = String(m.losses.at(-1));
  const list = $('findings');
  list.innerHTML = m.findings.length ? '' : '<li class="info">No findings: the doctor sees nothing wrong with this run.</li>';
  for (const f of m.findings) {
    const li = document.createElement('li');
    li.className = `finding ${f.severity}`;
    li.innerHTML = `<strong>${f.severity.toUpperCase()} ${f.code}</strong>: ${f.title}<br>${f.message}<br><em>fix:</em> ${f.fixes.join('; ')}`;
    const fix = FIXES[f.code];
    if (fix) {
      const button = document.createElement('button');
      button.textContent = `Apply: ${fix.label} and retrain`;
      button.className = 'apply-fix';
      button.onclick = () => { fix.apply(); start(); };
      li.append(document.createElement('br'), button);
    }
    list.append(li);
  }
  $('try').innerHTML = m.tries.length === 0 ? '' : '<tr><th>target</th><th>prediction</th></tr>' + m.tries.map((t) => `<tr><td>${t.target.toFixed(3)}</td><td>${t.prediction.toFixed(3)}</td></tr>`).join('');
  document.body.dataset.state = 'done';
}

$('train').onclick = start;
$('stop').onclick = () => worker?.postMessage({ type: 'stop' });
$('word-go').onclick = () => worker?.postMessage({ type: 'word', word: input('word').value });

listBackends().then((all) => {
  $('backends').innerHTML = all.map((b) => `<div>${b.name}: ${b.available ? 'available' : `unavailable (${b.reason})`}</div>`).join('');
});
