// The backend showcase `npm run demo` runs until the real demo lands: which backend 'auto' picked and why,
// every backend's availability, and real timings of an LSTM forward+backward and a matMul on each available one.
import { listBackends, tf, useBackend } from '@rnnkit/backend';
import type { BackendStatus } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-node';
import '@rnnkit/backend-webgl';
import { timeLstm, timeMatMul } from './showcase-bench.js';
import type { LstmShape } from './showcase-bench.js';

const LSTM: LstmShape = { batch: 16, time: 20, features: 8, units: 32 };
const MATMUL_N = 256;

function describeStatus(b: BackendStatus): string {
  const state = b.available ? 'available' : `unavailable: ${b.reason}`;
  return `  ${b.name.padEnd(10)} ${b.packageName.padEnd(22)} ${state}`;
}

export async function runShowcase(out: (line: string) => void = console.log): Promise<void> {
  const auto = await useBackend('auto', { log: false });
  out(`rnnkit backend showcase (Node ${process.versions.node}, tfjs-core ${tf.version_core})`);
  out(`auto picked: ${auto.name}`);
  out(`  why: ${auto.reason}`);
  out(`  capabilities: ${JSON.stringify(auto.capabilities)}`);
  out('');
  out('listBackends():');
  const backends = await listBackends();
  for (const b of backends) out(describeStatus(b));
  out('');
  const { batch, time, features, units } = LSTM;
  out(`timings (median; LSTM batch ${batch}, time ${time}, features ${features}, units ${units}: forward + backward via rnnSequence; matMul ${MATMUL_N}x${MATMUL_N}):`);
  for (const b of backends.filter((s) => s.available)) {
    await useBackend(b.name, { log: false });
    const lstm = await timeLstm(LSTM);
    const matMul = await timeMatMul(MATMUL_N);
    out(`  ${b.name.padEnd(10)} lstm fwd+bwd ${lstm.medianMs.toFixed(1).padStart(7)} ms   matMul ${matMul.medianMs.toFixed(2).padStart(7)} ms   ` +
      `(checksums ${lstm.checksum.toFixed(3)}, ${matMul.checksum.toFixed(1)})`);
  }
  await useBackend(auto.name, { log: false });
  out('');
  out(`Override the choice with RNNKIT_BACKEND=wasm npm run demo (or cpu, tensorflow).`);
}
