// Benchmark: stream a generated JSONL file of variable-length sequences through bucketing, padding and batching,
// and compare throughput and peak RSS with tfjs-data's tf.data.generator doing the same padding and batching.
//   node bench/run.mjs [--size 1GB] [--batch 64] [--maxlen 200] [--buffer 10000] [--phases rnnkit,rnnkit-maxlen,rnnkit-tensors,tfjs-data]
//                      [--recordOrder false]   (the manifest keeps every epoch's id order by default: 4 bytes a sample)
// The file goes to a temporary directory and is deleted afterwards (never committed). Results: bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsonl } from './generate.mjs';
import { runPhase } from './phases.mjs';

function parseArgs(argv) {
  const o = { size: '1GB', batch: 64, maxlen: 200, buffer: 10000, phases: 'rnnkit,rnnkit-maxlen,rnnkit-tensors,tfjs-data', recordOrder: 'true' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'phase' || key === 'file') o[key] = argv[++i];
    else if (key in o) o[key] = typeof o[key] === 'number' ? Number(argv[++i]) : argv[++i];
    else if (argv[i] !== '--') throw new Error(`bench: unknown option ${argv[i]} (options: ${Object.keys(o).join(', ')})`);
  }
  return o;
}

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(String(s));
  if (!m) throw new Error(`bench: --size must look like 1GB or 8MB, got ${s}`);
  return Math.round(Number(m[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase()]);
}

const o = parseArgs(process.argv.slice(2));
const self = fileURLToPath(import.meta.url);
if (o.phase) {
  // Child: run one phase and print its result as JSON.
  process.stdout.write(JSON.stringify(await runPhase(o.phase, o.file, o)) + '\n');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'rnnkit-bench-'));
  const file = join(dir, 'sequences.jsonl');
  try {
    const t0 = performance.now();
    const gen = await generateJsonl(file, parseSize(o.size), { maxLength: 300 });
    console.log(`generated ${(gen.bytes / 1024 ** 2).toFixed(1)} MB, ${gen.samples} samples in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const results = [];
    for (const phase of o.phases.split(',')) {
      const args = [self, '--phase', phase, '--file', file, '--batch', String(o.batch), '--maxlen', String(o.maxlen), '--buffer', String(o.buffer), '--recordOrder', o.recordOrder];
      const r = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1));
      if (r.samples !== gen.samples) throw new Error(`${phase} yielded ${r.samples} samples, the file has ${gen.samples}`);
      results.push(r);
      console.log(`${phase.padEnd(15)} ${r.samples} samples in ${r.seconds.toFixed(1)} s: ${Math.round(r.samplesPerSecond)} samples/s, `
        + `${r.batches} batches, peak RSS ${r.peakRssMB.toFixed(0)} MB`);
    }
    const base = results.find((r) => r.phase === 'tfjs-data');
    if (base) for (const r of results) if (r !== base) console.log(`${r.phase}: ${(r.samplesPerSecond / base.samplesPerSecond).toFixed(2)}x tfjs-data throughput`);
    const outDir = join(dirname(self), 'results');
    mkdirSync(outDir, { recursive: true });
    const record = { date: new Date().toISOString(), node: process.version, options: o, file: gen, results };
    writeFileSync(join(outDir, 'latest.json'), JSON.stringify(record, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
