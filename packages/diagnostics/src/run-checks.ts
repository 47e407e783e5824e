// Runs every check on a bundle of plain evidence and builds the ranked report. diagnose() fills the bundle.
import { checkExplodingGradients } from './checks/exploding-gradients.js';
import { checkGradientFlow, effectiveHorizon, recentProfile } from './checks/gradient-flow.js';
import { checkLearningRateTooHigh } from './checks/learning-rate-too-high.js';
import { checkLearningRateTooLow } from './checks/learning-rate-too-low.js';
import { lossSeries } from './checks/loss-series.js';
import { checkLossPlateau } from './checks/loss-plateau.js';
import { checkNonFinite, type NonFiniteEvidence } from './checks/non-finite.js';
import { checkOrderNotShuffled, type OrderEvidence } from './checks/order-not-shuffled.js';
import { checkOverfitting } from './checks/overfitting.js';
import { checkPaddingNotMasked, type PaddingProfile } from './checks/padding-not-masked.js';
import { checkSamplesDropped, type EpochCounts } from './checks/samples-dropped.js';
import { checkSamplesDuplicated } from './checks/samples-duplicated.js';
import { checkSaturatedGates } from './checks/saturated-gates.js';
import { budgetFromLengths, checkPaddingDominates, checkTruncation, type SequenceBudget } from './checks/sequence-lengths.js';
import { checkSequencesTooLong } from './checks/sequences-too-long.js';
import { checkUnscaledInputs } from './checks/unscaled-inputs.js';
import { checkValidationSplitBiased, type SplitEvidence } from './checks/validation-split-biased.js';
import type { BatchTrace, FeatureStats, GateStats, GradientFlow, LengthStats, LossHistory, ModelSummary } from './evidence.js';
import { rankFindings, type Finding, type FindingCode } from './findings.js';
import type { CoverageReport } from '@rnnkit/data-pipeline';
import type { ChartData, DiagnosisReport } from './report/report-types.js';

/** Everything the checks can use; every field is optional and a check without its evidence is listed as skipped. */
export interface EvidenceBundle {
  model?: ModelSummary;
  history?: LossHistory;
  trace?: BatchTrace;
  gradientFlow?: GradientFlow;
  gates?: GateStats[];
  coverage?: CoverageReport;
  epochCounts?: EpochCounts;
  lengths?: LengthStats;
  padding?: PaddingProfile;
  features?: FeatureStats;
  order?: OrderEvidence;
  split?: SplitEvidence;
  nonFinite?: Omit<NonFiniteEvidence, 'loss' | 'gradNorm' | 'lossUnit'>;
  learningRate?: number;
  baselineLoss?: number;
  /** Why the gradient-flow probe failed, if it did. */
  probeError?: string;
}

// When these fire, a plateau or a slow loss is their symptom, not a separate problem: it is kept as a note.
const ROOT_CAUSES: FindingCode[] = ['NON_FINITE', 'LEARNING_RATE_TOO_HIGH', 'EXPLODING_GRADIENTS', 'VANISHING_GRADIENTS', 'UNSCALED_INPUTS', 'PADDING_NOT_MASKED', 'SAMPLES_DROPPED', 'ORDER_NOT_SHUFFLED', 'TRUNCATION_LOSES_DATA'];
const SYMPTOMS: FindingCode[] = ['LOSS_PLATEAU', 'LEARNING_RATE_TOO_LOW', 'SATURATED_GATES'];

export function runChecks(e: EvidenceBundle): DiagnosisReport {
  const findings: Finding[] = [];
  const skipped: DiagnosisReport['skipped'] = [];
  const skip = (check: string, reason: string) => skipped.push({ check, reason });
  const recurrent = e.model?.layers.find((l) => l.recurrent);

  const series = e.trace && e.trace.loss.length >= 5
    ? lossSeries('runChecks', 'trace.loss', e.trace.loss, 'batch')
    : e.history ? lossSeries('runChecks', 'history.loss', e.history.loss, 'epoch') : undefined;
  findings.push(...checkNonFinite({ ...e.nonFinite, loss: series?.values, lossUnit: series?.unit, gradNorm: e.trace?.gradNorm }));
  if (series) {
    findings.push(...checkLearningRateTooHigh(series, { learningRate: e.learningRate }));
    findings.push(...checkLossPlateau(series, { baselineLoss: e.baselineLoss, learningRate: e.learningRate, cell: recurrent?.cell }));
    findings.push(...checkLearningRateTooLow(series, { learningRate: e.learningRate }));
  } else skip('loss curve', 'no history or recorded batch losses');
  if (e.history?.valLoss) findings.push(...checkOverfitting(e.history.loss, e.history.valLoss));
  const dataFinite = e.nonFinite?.inputs !== undefined && e.nonFinite.inputs.count === 0 && (e.nonFinite.targets?.count ?? 0) === 0;
  if (e.trace?.gradNorm) findings.push(...checkExplodingGradients(e.trace.gradNorm, { dataFinite }));
  else skip('EXPLODING_GRADIENTS', 'no per-batch gradient norms (use gradientRecorder)');
  if (e.gradientFlow && e.gradientFlow.probes.length > 0) {
    const flow = checkGradientFlow(e.gradientFlow, { cell: recurrent?.cell });
    findings.push(...flow);
    // Vanishing gradients already give the horizon and the fix; the length check covers a horizon that is healthy
    // in itself but shorter than the data.
    if (!flow.some((f) => f.code === 'VANISHING_GRADIENTS')) {
      findings.push(...checkSequencesTooLong(e.lengths?.lengths, effectiveHorizon(recentProfile(e.gradientFlow)), recurrent?.cell));
    }
  } else {
    skip('VANISHING_GRADIENTS, SEQUENCES_TOO_LONG', e.probeError ? `the gradient-flow probe failed: ${e.probeError}` : 'no per-time-step gradient flow (use gradientRecorder with a probe batch)');
  }
  if (e.gates) findings.push(...checkSaturatedGates(e.gates));
  else skip('SATURATED_GATES', 'no gate activation statistics');

  if (e.coverage || e.epochCounts) {
    findings.push(...checkSamplesDropped(e.coverage, e.epochCounts));
    findings.push(...checkSamplesDuplicated(e.coverage));
  } else skip('SAMPLES_DROPPED, SAMPLES_DUPLICATED', 'no epoch manifest (pipeline) or recorded epoch sizes');
  const budget = sequenceBudget(e);
  if (budget) {
    findings.push(...checkTruncation(budget));
    findings.push(...checkPaddingDominates(budget));
  }
  if (e.order) findings.push(...checkOrderNotShuffled(e.order));
  else skip('ORDER_NOT_SHUFFLED', 'the training order is unknown (pass a pipeline, or data with shuffled: false)');
  if (e.model && e.padding) findings.push(...checkPaddingNotMasked(e.model, e.padding));
  findings.push(...checkUnscaledInputs(e.features));
  if (e.split) findings.push(...checkValidationSplitBiased(e.split));
  const ranked = rankFindings(annotateSymptoms(mergeSameCode(findings)));
  return {
    version: 1,
    findings: ranked,
    summary: {
      errors: ranked.filter((f) => f.severity === 'error').length,
      warnings: ranked.filter((f) => f.severity === 'warning').length,
      infos: ranked.filter((f) => f.severity === 'info').length,
    },
    skipped,
    charts: chartData(e),
  };
}

function sequenceBudget(e: EvidenceBundle): SequenceBudget | undefined {
  const epochs = e.coverage?.epochs ?? [];
  const seq = e.coverage?.pipeline.sequence;
  if (epochs.length > 0 && seq) {
    const ep = epochs[0];
    return { realSteps: ep.padding.realSteps, paddedSteps: ep.padding.paddedSteps, stepsCut: ep.truncated.stepsCut, samples: ep.seen,
      truncatedSamples: ep.truncated.samples, truncating: seq.truncating, p95Length: e.lengths ? budgetFromLengths(e.lengths).p95Length : undefined };
  }
  return e.lengths && e.lengths.lengths.length > 0 ? budgetFromLengths(e.lengths) : undefined;
}

/** One finding per code: two checks can see the same problem (gradient norms over batches and over time steps). */
function mergeSameCode(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of rankFindings(findings)) {
    const first = out.find((o) => o.code === f.code);
    if (!first) out.push(f);
    else {
      first.message = `${first.message} Also: ${f.message}`;
      first.evidence = { ...first.evidence, also: [...((first.evidence.also as unknown[]) ?? []), f.evidence] };
      for (const fix of f.fixes) if (!first.fixes.some((x) => x.snippet === fix.snippet)) first.fixes.push(fix);
    }
  }
  return out;
}

function annotateSymptoms(findings: Finding[]): Finding[] {
  const causes = findings.filter((f) => ROOT_CAUSES.includes(f.code) && f.severity !== 'info').map((f) => f.code);
  if (causes.length === 0) return findings;
  return findings.map((f) => SYMPTOMS.includes(f.code)
    ? { ...f, severity: 'info', message: `${f.message} Likely a consequence of ${causes.join(', ')}.`, evidence: { ...f.evidence, likelyCause: causes } }
    : f);
}

function chartData(e: EvidenceBundle): ChartData {
  const c: ChartData = {};
  if (e.history) c.history = e.history;
  if (e.trace) c.trace = e.trace;
  if (e.gradientFlow) c.gradientFlow = e.gradientFlow;
  if (e.lengths) c.lengths = e.lengths;
  if (e.coverage) {
    c.coverage = { totalSamples: e.coverage.totalSamples,
      epochs: e.coverage.epochs.map((x) => ({ epoch: x.epoch, seen: x.seen, neverSeen: x.neverSeen.length, duplicated: x.seenTwice.length })) };
  } else if (e.epochCounts) {
    c.coverage = { totalSamples: e.epochCounts.datasetSize,
      epochs: e.epochCounts.seenPerEpoch.map((seen, epoch) => ({ epoch, seen: Math.min(seen, e.epochCounts!.datasetSize), neverSeen: Math.max(0, e.epochCounts!.datasetSize - seen), duplicated: 0 })) };
  }
  return c;
}
