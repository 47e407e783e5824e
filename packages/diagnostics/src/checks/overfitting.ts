// OVERFITTING: validation loss rises for epochs after its best while the training loss keeps falling.
import { fmt, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';

export function checkOverfitting(loss: number[], valLoss: number[] | undefined): Finding[] {
  if (!valLoss || valLoss.length < 4 || loss.length !== valLoss.length) return [];
  if (!valLoss.every(Number.isFinite) || !loss.every(Number.isFinite)) return [];
  let best = 0;
  for (let i = 1; i < valLoss.length; i++) if (valLoss[i] < valLoss[best]) best = i;
  const last = valLoss.length - 1;
  const rise = valLoss[last] / valLoss[best];
  if (last - best < 2 || rise < 1.1 || !(loss[last] < loss[best])) return [];
  return [{
    code: 'OVERFITTING',
    severity: 'warning',
    title: 'Overfitting',
    message: `Validation loss was lowest at epoch ${best + 1} (${fmt(valLoss[best])}) and rose ${fmt((rise - 1) * 100)}% by epoch ${last + 1} ` +
      `while the training loss fell from ${fmt(loss[best])} to ${fmt(loss[last])}.`,
    evidence: { bestEpoch: best, bestValLoss: valLoss[best], lastValLoss: valLoss[last], trainLossAtBest: loss[best], trainLossLast: loss[last] },
    fixes: [FIX.earlyStopping()],
  }];
}
