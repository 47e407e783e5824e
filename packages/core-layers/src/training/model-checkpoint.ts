// modelCheckpoint: saves the model after each epoch through the model's save (saveModel), to any target save takes.
import type { Callback, Logs } from './callbacks.js';

interface Saveable {
  save(target: string, options?: { includeOptimizer?: boolean }): Promise<unknown>;
}

/** `{epoch}` (1-based, as Keras) and `{<log key>}` / `{<log key>:.Nf}` (e.g. `{val_loss:.4f}`) filled from the epoch's logs. */
export function checkpointPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(/\{([A-Za-z_][\w]*)(?::0?(\d*)(?:\.(\d+))?([df]))?\}/g, (_whole, key: string, width: string, digits: string, kind: string) => {
    const v = key === 'epoch' ? epoch + 1 : logs[key];
    if (v === undefined) throw new Error(`modelCheckpoint: filepath names '{${key}}', which is not in the epoch logs (have epoch, ${Object.keys(logs).join(', ')})`);
    let text = kind === 'f' || digits ? v.toFixed(Number(digits || 6)) : String(kind === 'd' ? Math.round(v) : v);
    if (width) text = text.padStart(Number(width), '0');
    return text;
  });
}

/**
 * Saves the model after each epoch to `filepath` (any target model.save takes: 'file://dir', 'indexeddb://name', ...;
 * placeholders as in checkpointPath), or, with `saveBestOnly`, only when `monitor` improved (`mode` 'auto' maximises
 * monitors containing 'acc'). `includeOptimizer` saves the optimizer state too, so training can resume from a
 * checkpoint. `saved` lists the targets written, in order.
 */
export function modelCheckpoint({ filepath, monitor = 'val_loss', saveBestOnly = false, mode = 'auto', includeOptimizer = false }: {
  filepath: string; monitor?: string; saveBestOnly?: boolean; mode?: 'min' | 'max' | 'auto'; includeOptimizer?: boolean;
}): Callback & { saved: string[] } {
  if (typeof filepath !== 'string' || filepath.length === 0) throw new Error(`modelCheckpoint: filepath must be a non-empty string, got ${JSON.stringify(filepath)}`);
  const max = mode === 'max' || (mode === 'auto' && /acc/.test(monitor));
  let best = Number.NaN;
  let model: Saveable | undefined;
  const cb = {
    saved: [] as string[],
    setModel(m: unknown) { model = m as Saveable; },
    onTrainBegin() { best = Number.NaN; },
    async onEpochEnd(epoch: number, logs: Logs) {
      if (saveBestOnly) {
        const current = logs[monitor];
        if (current === undefined) throw new Error(`modelCheckpoint: monitor '${monitor}' is not in the epoch logs (have ${Object.keys(logs).join(', ')})`);
        const improved = Number.isNaN(best) || (max ? current > best : current < best);
        if (!improved) return;
        best = current;
      }
      if (typeof model?.save !== 'function') throw new Error('modelCheckpoint: the model has no save() (use it with an rnnkit model)');
      const target = checkpointPath(filepath, epoch, logs);
      await model.save(target, includeOptimizer ? { includeOptimizer } : undefined);
      cb.saved.push(target);
    },
  };
  return cb;
}
