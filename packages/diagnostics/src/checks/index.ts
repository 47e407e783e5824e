// Every check, for users who have their own evidence. Each takes plain numbers and returns findings.
export { checkExplodingGradients } from './exploding-gradients.js';
export { checkGradientFlow } from './gradient-flow.js';
export { checkLearningRateTooHigh } from './learning-rate-too-high.js';
export { checkLearningRateTooLow } from './learning-rate-too-low.js';
export { checkLossPlateau } from './loss-plateau.js';
export { checkNonFinite } from './non-finite.js';
export { checkOrderNotShuffled } from './order-not-shuffled.js';
export { checkOverfitting } from './overfitting.js';
export { checkPaddingNotMasked } from './padding-not-masked.js';
export { checkSamplesDropped } from './samples-dropped.js';
export { checkSamplesDuplicated } from './samples-duplicated.js';
export { checkSaturatedGates } from './saturated-gates.js';
export { checkPaddingDominates, checkTruncation } from './sequence-lengths.js';
export { checkSequencesTooLong } from './sequences-too-long.js';
export { checkUnscaledInputs } from './unscaled-inputs.js';
export { checkValidationSplitBiased } from './validation-split-biased.js';
// The evidence shapes the checks take, and helpers that build them.
export { lossSeries } from './loss-series.js';
export type { LossSeries } from './loss-series.js';
export { budgetFromLengths } from './sequence-lengths.js';
export type { SequenceBudget } from './sequence-lengths.js';
export type { NonFiniteEvidence } from './non-finite.js';
export type { OrderEvidence } from './order-not-shuffled.js';
export type { PaddingProfile } from './padding-not-masked.js';
export type { SplitEvidence } from './validation-split-biased.js';
export type { EpochCounts } from './samples-dropped.js';
