// SAMPLES_DUPLICATED: ids yielded more than once within one epoch.
import { pct, type Finding } from '../findings.js';
import type { CoverageReport } from '@rnnkit/data-pipeline';

export function checkSamplesDuplicated(coverage: CoverageReport | undefined): Finding[] {
  if (!coverage) return [];
  const per = coverage.epochs.map((e) => ({ epoch: e.epoch, duplicated: e.seenTwice.length, yielded: e.yielded, seen: e.seen, exampleIds: e.seenTwice.slice(0, 10) }));
  const bad = per.filter((e) => e.duplicated > 0);
  if (bad.length === 0) return [];
  const worst = bad.reduce((a, b) => (b.duplicated > a.duplicated ? b : a));
  return [{
    code: 'SAMPLES_DUPLICATED',
    severity: worst.duplicated / Math.max(worst.seen, 1) > 0.05 ? 'error' : 'warning',
    title: 'Samples repeated within an epoch',
    message: `Epoch ${worst.epoch} yielded ${worst.duplicated} sample(s) more than once (${pct(worst.duplicated / Math.max(worst.seen, 1))} of distinct samples); ` +
      'they weigh more in the loss than the others (a source read twice, or a repeat before batching).',
    evidence: { perEpoch: bad },
    fixes: [{ description: 'Read the source once per epoch; repeat epochs with fit, not by repeating the source.', snippet: 'model.fitDataset(pipeline, { epochs: 10 })' }],
  }];
}
