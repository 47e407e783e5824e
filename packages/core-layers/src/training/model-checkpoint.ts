import type { Callback, Logs } from './callbacks.js';

interface Saveable {
  save(target: string): Promise<unknown>;
}

/**
 * Saves the model after each epoch (to `filepath`, which may contain `{epoch}`), or only when `monitor` improved
 * with `saveBestOnly`.
 */
export function modelCheckpoint({ filepath, monitor = 'val_loss', saveBestOnly = false, mode = 'auto' }: {
  filepath: string; monitor?: string; saveBestOnly?: boolean; mode?: 'min' | 'max' | 'auto';
}): Callback & { saved: string[] } {
  const max = mode === 'max' || (mode === 'auto' && /acc/.test(monitor));
  let best = Number.NaN;
  let model: Saveable | undefined;
  const cb = {
    saved: [] as string[],
    setModel(m: unknown) { model = m as Saveable; },
    async onEpochEnd(epoch: number, logs: Logs) {
      if (saveBestOnly) {
        const current = logs[monitor];
        if (current === undefined) throw new Error(`modelCheckpoint: monitor '${monitor}' is not in the epoch logs (have ${Object.keys(logs).join(', ')})`);
        const improved = Number.isNaN(best) || (max ? current > best : current < best);
        if (!improved) return;
        best = current;
      }
      const target = filepath.replace('{epoch}', String(epoch + 1));
      await model!.save(target);
      cb.saved.push(target);
    },
  };
  return cb;
}
