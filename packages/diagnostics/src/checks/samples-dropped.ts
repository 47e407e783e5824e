// SAMPLES_DROPPED: samples the model never trained on in an epoch (remainder policy, filter, early stop, short generator).
import { pct, type Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import type { CoverageReport } from '@rnnkit/data-pipeline';

/** Epoch sizes counted outside a pipeline (e.g. by the recorder during fit): rows trained per epoch vs the dataset. */
export interface EpochCounts {
  datasetSize: number;
  seenPerEpoch: number[];
}

export function checkSamplesDropped(coverage: CoverageReport | undefined, counts?: EpochCounts): Finding[] {
  if (coverage && coverage.epochs.length > 0) return fromCoverage(coverage);
  if (counts && counts.seenPerEpoch.length > 0) return fromCounts(counts);
  return [];
}

function fromCoverage(c: CoverageReport): Finding[] {
  const total = c.totalSamples;
  const never = new Map<number, number>();
  const perEpoch = c.epochs.map((e) => {
    for (const id of e.neverSeen) never.set(id, (never.get(id) ?? 0) + 1);
    return { epoch: e.epoch, complete: e.complete, seen: e.seen, neverSeen: e.neverSeen.length,
      droppedByFilter: e.droppedByFilter.length, droppedByRemainder: e.droppedByRemainder.length };
  });
  const worst = perEpoch.reduce((a, b) => (b.neverSeen > a.neverSeen ? b : a));
  if (worst.neverSeen === 0 || total === 0) return [];
  const neverAtAll = [...never.entries()].filter(([, n]) => n === c.epochs.length).map(([id]) => id);
  const causes: string[] = [];
  if (perEpoch.some((e) => e.droppedByRemainder > 0)) causes.push("the last partial batch is dropped (remainder: 'drop')");
  if (perEpoch.some((e) => e.droppedByFilter > 0)) causes.push('a filter removes samples');
  if (perEpoch.some((e) => !e.complete)) causes.push('training stopped reading before the epoch ended (stepsPerEpoch too small or the generator ended early)');
  const fixes = [];
  if (perEpoch.some((e) => e.droppedByRemainder > 0)) fixes.push(FIX.keepRemainder());
  if (perEpoch.some((e) => !e.complete)) fixes.push({ description: 'Let each epoch read the whole dataset.', snippet: 'model.fitDataset(pipeline, { epochs })  // no stepsPerEpoch, or stepsPerEpoch = Math.ceil(size / batchSize)' });
  if (fixes.length === 0) fixes.push(FIX.shuffle());
  return [{
    code: 'SAMPLES_DROPPED',
    severity: neverAtAll.length > 0 || worst.neverSeen / total > 0.05 ? 'error' : 'warning',
    title: 'Samples dropped',
    message: `Up to ${worst.neverSeen} of ${total} samples (${pct(worst.neverSeen / total)}) were not trained on in an epoch` +
      `${neverAtAll.length ? `; ${neverAtAll.length} were never trained on in any of ${c.epochs.length} epochs` : ''}. ` +
      `Cause: ${causes.length ? causes.join('; ') : 'the source produced them but no batch held them'}.`,
    evidence: { totalSamples: total, perEpoch, neverSeenInAnyEpoch: neverAtAll.length, exampleIds: neverAtAll.slice(0, 10) },
    fixes,
  }];
}

function fromCounts(c: EpochCounts): Finding[] {
  const short = c.seenPerEpoch.map((n, epoch) => ({ epoch, seen: n, missing: c.datasetSize - n })).filter((e) => e.missing > 0);
  if (short.length === 0) return [];
  const worst = short.reduce((a, b) => (b.missing > a.missing ? b : a));
  return [{
    code: 'SAMPLES_DROPPED',
    severity: worst.missing / c.datasetSize > 0.05 ? 'error' : 'warning',
    title: 'Samples dropped',
    message: `Epoch ${worst.epoch + 1} trained on ${worst.seen} of ${c.datasetSize} samples (${worst.missing} missing).`,
    evidence: { datasetSize: c.datasetSize, seenPerEpoch: c.seenPerEpoch, shortEpochs: short },
    fixes: [FIX.keepRemainder()],
  }];
}
