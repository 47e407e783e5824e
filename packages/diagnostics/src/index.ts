// @rnnkit/diagnostics: the RNN doctor. Finds why a recurrent model is not learning, with the numbers and a fix.
export { diagnose } from './diagnose.js';
export type { DiagnoseData, DiagnoseInput, DiagnoseOptions } from './diagnose.js';
export { runChecks } from './run-checks.js';
export type { EvidenceBundle } from './run-checks.js';
export { FINDING_CODES, rankFindings } from './findings.js';
export type { Finding, FindingCode, Fix, Severity } from './findings.js';
export { DiagnosticsError, InvalidEvidenceError } from './errors.js';
export type {
  BatchTrace, FeatureStats, GateStats, GradientFlow, GradientFlowProbe, LayerSummary, LengthStats, LossHistory, ModelSummary,
} from './evidence.js';
export type { RecorderEvidence } from './collect/recorder-evidence.js';
export { summarizeModel } from './collect/model-summary.js';
export { effectiveHorizon } from './checks/gradient-flow.js';
export type { Horizon } from './checks/gradient-flow.js';
export { formatText } from './report/text-report.js';
export { toJSON, fromJSON } from './report/json-report.js';
export { formatHTML } from './report/html-report.js';
export type { ChartData, CoverageChartData, DiagnosisReport } from './report/report-types.js';
export {
  checkExplodingGradients, checkGradientFlow, checkLearningRateTooHigh, checkLearningRateTooLow, checkLossPlateau, checkNonFinite,
  checkOrderNotShuffled, checkOverfitting, checkPaddingDominates, checkPaddingNotMasked, checkSamplesDropped, checkSamplesDuplicated,
  checkSaturatedGates, checkSequencesTooLong, checkTruncation, checkUnscaledInputs, checkValidationSplitBiased,
} from './checks/index.js';
export { budgetFromLengths, lossSeries } from './checks/index.js';
export type { EpochCounts, LossSeries, NonFiniteEvidence, OrderEvidence, PaddingProfile, SequenceBudget, SplitEvidence } from './checks/index.js';
export { GradientRecorder, gradientRecorder } from './collect/gradient-recorder.js';
export type { BatchLogs, GradientRecorderConfig } from './collect/gradient-recorder.js';
export { measureGradientFlow, probeLoss } from './collect/gradient-flow-probe.js';
export type { ProbeLoss } from './collect/gradient-flow-probe.js';
export { gateStats } from './collect/gate-stats.js';
export type { GateProbeArgs } from './collect/gate-stats.js';
