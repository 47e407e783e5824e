// diagnose(): gathers evidence from the user's model, data, pipeline, history and recorder, then runs every check.
import type { CoverageReport } from '@rnnkit/data-pipeline';
import { readArray, type Dense } from './collect/dense.js';
import { baselineLoss, dataEvidence, targetEvidence } from './collect/data-evidence.js';
import { requireRecurrent, summarizeModel } from './collect/model-summary.js';
import type { RecorderEvidence } from './collect/recorder-evidence.js';
import { InvalidEvidenceError, describeValue } from './errors.js';
import type { LossHistory } from './evidence.js';
import type { DiagnosisReport } from './report/report-types.js';
import { runChecks, type EvidenceBundle } from './run-checks.js';

export interface DiagnoseData {
  /** Inputs: a tensor, {data, shape}, a nested array, or ragged sequences (arrays of different lengths). */
  x: unknown;
  /** Targets, same forms. Class ids, one-hot rows or regression values. */
  y?: unknown;
  /** How the trainer ordered the data: false for fit(..., {shuffle: false}) or an unshuffled stream. */
  shuffled?: boolean;
  /** fit's validationSplit: the last fraction of x/y (taken before any shuffling) is validation. */
  validationSplit?: number;
  /** Padding value of x. Default 0. */
  padValue?: number;
  /** The maxlen/padding/truncating the data is (or will be) cut with, for ragged x. */
  maxlen?: number;
  padding?: 'pre' | 'post';
  truncating?: 'pre' | 'post';
}

export interface DiagnoseOptions {
  learningRate?: number;
  /** Loss name ('mse', 'binaryCrossentropy', ...), for the constant-prediction baseline. */
  loss?: string;
}

export interface DiagnoseInput {
  model?: unknown;
  data?: DiagnoseData;
  /** A data-pipeline Pipeline (its manifest's coverage is audited) or a CoverageReport. */
  pipeline?: { manifest: { coverage(): CoverageReport } } | CoverageReport;
  /** A History from fit (`{history: {loss, val_loss}}`) or `{loss, valLoss}`. */
  history?: unknown;
  recorder?: { evidence(): RecorderEvidence } | RecorderEvidence;
  options?: DiagnoseOptions;
}

const FN = 'diagnose';

export function diagnose(input: DiagnoseInput): DiagnosisReport {
  if (typeof input !== 'object' || input === null) throw new InvalidEvidenceError(FN, 'input', 'an object {model, data, pipeline?, history?, recorder?}', describeValue(input));
  const e: EvidenceBundle = { learningRate: input.options?.learningRate };
  if (input.model !== undefined) {
    e.model = summarizeModel(FN, input.model);
    requireRecurrent(FN, e.model);
  }
  if (input.history !== undefined) e.history = readHistory(input.history);
  if (input.recorder !== undefined) {
    const r = 'evidence' in input.recorder && typeof input.recorder.evidence === 'function' ? input.recorder.evidence() : (input.recorder as RecorderEvidence);
    e.trace = r.trace;
    if (r.gradientFlow) e.gradientFlow = r.gradientFlow;
    if (r.gates) e.gates = r.gates;
    if (r.seenPerEpoch && r.datasetSize) e.epochCounts = { datasetSize: r.datasetSize, seenPerEpoch: r.seenPerEpoch };
    e.learningRate ??= r.learningRate;
    if (r.probeError) e.probeError = r.probeError;
    if (r.history && !e.history) e.history = r.history;
  }
  if (input.pipeline !== undefined) e.coverage = 'manifest' in input.pipeline ? input.pipeline.manifest.coverage() : input.pipeline;
  if (input.data !== undefined) addData(e, input.data, input.options);
  if (input.model === undefined && input.data === undefined && input.history === undefined && input.recorder === undefined && input.pipeline === undefined) {
    throw new InvalidEvidenceError(FN, 'input', 'at least one of model, data, pipeline, history or recorder', 'none');
  }
  return runChecks(e);
}

function readHistory(h: unknown): LossHistory {
  const inner = (h as { history?: unknown })?.history ?? h;
  const o = inner as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.loss)) {
    throw new InvalidEvidenceError(FN, 'history', 'a History with a loss array (history.history.loss or {loss})', describeValue(inner));
  }
  if (o.loss.length === 0) throw new InvalidEvidenceError(FN, 'history.loss', 'at least one epoch', 'an empty array');
  const val = o.val_loss ?? o.valLoss;
  return Array.isArray(val) ? { loss: o.loss as number[], valLoss: val as number[] } : { loss: o.loss as number[] };
}

function addData(e: EvidenceBundle, d: DiagnoseData, opts: DiagnoseOptions | undefined): void {
  if (typeof d !== 'object' || d === null || d.x === undefined) throw new InvalidEvidenceError(FN, 'data', 'an object {x, y?}', describeValue(d));
  const x = readArray(FN, 'data.x', d.x);
  const n = 'steps' in x ? x.steps.length : x.shape[0];
  if (!n) throw new InvalidEvidenceError(FN, 'data.x', 'at least one sample', 'shape with 0 samples');
  const de = dataEvidence(x, d.padValue ?? 0);
  const embedded = e.model?.layers[0]?.className === 'Embedding';
  if (!(de.tokens && embedded)) e.features = de.features;
  e.nonFinite = { inputs: de.nonFinite };
  if (de.padding) e.padding = de.padding;
  // Dense rows are already cut to their width; that width is the maxlen the model sees.
  const side = de.padding && de.padding.leading + de.padding.trailing > 0 ? (de.padding.trailing >= de.padding.leading ? 'post' : 'pre') : undefined;
  e.lengths = { lengths: de.lengths, maxlen: d.maxlen ?? ('steps' in x ? undefined : de.steps), padding: d.padding ?? side, truncating: d.truncating };
  let labels: number[] | undefined;
  if (d.y !== undefined) {
    const y = readArray(FN, 'data.y', d.y);
    if ('steps' in y) throw new InvalidEvidenceError(FN, 'data.y', 'a rectangular array', 'ragged rows');
    if ((y as Dense).shape[0] !== n) throw new InvalidEvidenceError(FN, 'data.y', `${n} rows (one per sample of data.x)`, `${y.shape[0]} rows`);
    const t = targetEvidence(y);
    labels = t.labels;
    e.nonFinite.targets = t.nonFinite;
    e.baselineLoss = baselineLoss(opts?.loss, labels);
  }
  // The order the model saw: the pipeline's recorded order, else the given order when the trainer did not shuffle.
  const order = e.coverage?.epochs.find((ep) => ep.order)?.order;
  if (order && order.every((id) => id < n)) {
    e.order = { labels: labels ? order.map((id) => labels![id]) : undefined, lengths: order.map((id) => de.lengths[id]) };
  } else if (d.shuffled === false) e.order = { labels, lengths: de.lengths, shuffled: false };
  const vs = d.validationSplit;
  if (vs !== undefined) {
    if (!(vs > 0 && vs < 1)) throw new InvalidEvidenceError(FN, 'data.validationSplit', 'a number in (0, 1)', describeValue(vs));
    const cut = n - Math.floor(n * vs);
    e.split = { trainLabels: labels?.slice(0, cut), valLabels: labels?.slice(cut), trainLengths: de.lengths.slice(0, cut), valLengths: de.lengths.slice(cut),
      trainInputMeans: de.sampleMeans.slice(0, cut), valInputMeans: de.sampleMeans.slice(cut),
      description: `the last ${Math.round(vs * 100)}% of the data (validationSplit)` };
  }
}
