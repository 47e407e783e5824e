// NON_FINITE: NaN or Inf in the data, the loss, the gradients or the weights, with where it first appeared.
import type { Finding } from '../findings.js';
import { FIX } from '../fixes.js';
import { firstNonFinite } from '../stats.js';

export interface NonFiniteEvidence {
  /** Per-batch (or per-epoch) losses. */
  loss?: number[];
  lossUnit?: 'batch' | 'epoch';
  gradNorm?: number[];
  /** Count of non-finite input values and the first sample index holding one. */
  inputs?: { count: number; firstSample: number };
  targets?: { count: number; firstSample: number };
  /** Weights holding a non-finite value after training. */
  weights?: string[];
}

export function checkNonFinite(e: NonFiniteEvidence): Finding[] {
  const where: string[] = [];
  const ev: Record<string, unknown> = {};
  const unit = e.lossUnit ?? 'batch';
  if (e.inputs && e.inputs.count > 0) {
    where.push(`${e.inputs.count} input values (first in sample ${e.inputs.firstSample})`);
    ev.inputs = e.inputs;
  }
  if (e.targets && e.targets.count > 0) {
    where.push(`${e.targets.count} target values (first in sample ${e.targets.firstSample})`);
    ev.targets = e.targets;
  }
  const lossAt = e.loss ? firstNonFinite(e.loss) : -1;
  if (lossAt >= 0) {
    where.push(`the loss from ${unit} ${lossAt} on`);
    ev.firstLoss = { [unit]: lossAt, value: String(e.loss![lossAt]) };
  }
  const gradAt = e.gradNorm ? firstNonFinite(e.gradNorm) : -1;
  if (gradAt >= 0) {
    where.push(`the gradient norm from batch ${gradAt} on`);
    ev.firstGradient = { batch: gradAt, value: String(e.gradNorm![gradAt]) };
  }
  if (e.weights && e.weights.length > 0) {
    where.push(`weights ${e.weights.slice(0, 4).join(', ')}${e.weights.length > 4 ? ', ...' : ''}`);
    ev.weights = e.weights;
  }
  if (where.length === 0) return [];
  const dataBad = ev.inputs !== undefined || ev.targets !== undefined;
  const fixes = dataBad
    ? [{ description: 'Remove or impute the non-finite values before training (the pipeline filter records what it drops).',
        snippet: 'createPipeline({ source, filter: (s) => Array.from(s.x).flat().every(Number.isFinite) })' }, FIX.terminateOnNaN()]
    : [FIX.lowerLearningRate(), FIX.terminateOnNaN()];
  return [{
    code: 'NON_FINITE',
    severity: 'error',
    title: 'NaN or Inf values',
    message: `Non-finite values in ${where.join('; ')}. ${dataBad ? 'The data holds them: every gradient step that touches them poisons the weights.' : 'Training blew up: everything after this point is meaningless.'}`,
    evidence: ev,
    fixes,
  }];
}
