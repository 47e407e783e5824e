// A cli-progress bar per epoch: samples seen out of the total, loss, metric, samples/s and the backend in use.
import cliProgress from 'cli-progress';
import type { Callback } from '@rnnkit/core-layers';

export function progressCallback(o: { epochs: number; total: number; backend: string; metric: string; enabled: boolean; log: (l: string) => void }): Callback {
  let bar: cliProgress.SingleBar | undefined;
  let seen = 0;
  let start = 0;
  let loss = 0;
  let metric = 0;
  const tty = o.enabled && process.stdout.isTTY;
  return {
    onEpochBegin(epoch) {
      seen = 0;
      start = performance.now();
      if (!tty) return;
      bar = new cliProgress.SingleBar({
        format: `epoch ${epoch + 1}/${o.epochs} [{bar}] {value}/{total} samples | loss {loss} | ${o.metric} {metric} | {speed} samples/s | ${o.backend}`,
        hideCursor: true,
      }, cliProgress.Presets.shades_classic);
      bar.start(o.total, 0, { loss: '-', metric: '-', speed: '-' });
    },
    onBatchEnd(_batch, logs) {
      seen += logs.size;
      loss = logs.loss;
      metric = (logs as Record<string, number>).acc ?? (logs as Record<string, number>).mae ?? 0;
      const speed = (seen / ((performance.now() - start) / 1000)).toFixed(0);
      bar?.update(seen, { loss: loss.toFixed(4), metric: metric.toFixed(3), speed });
    },
    onEpochEnd(epoch, logs) {
      bar?.stop();
      const speed = (seen / ((performance.now() - start) / 1000)).toFixed(0);
      if (!tty) o.log(`epoch ${epoch + 1}/${o.epochs}  ${seen}/${o.total} samples  loss ${logs.loss.toFixed(4)}  ${o.metric} ${(logs.acc ?? logs.mae ?? 0).toFixed(3)}  ${speed} samples/s  ${o.backend}`);
    },
  };
}
