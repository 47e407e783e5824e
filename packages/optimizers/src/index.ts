export { RnnkitOptimizer } from './base-optimizer.js';
export type { BaseOptimizerConfig, NamedTensor, StepContext } from './base-optimizer.js';
export type { ClipReport } from './clip-report.js';
export { clipByGlobalNorm, globalNorm } from './clip.js';
export type { ClipByGlobalNormResult, GradientList } from './clip.js';
export { SGD, sgd } from './sgd.js';
export type { SgdConfig } from './sgd.js';
export { Adam, adam } from './adam.js';
export type { AdamConfig } from './adam.js';
export {
  cosineDecay, cosineDecayRestarts, exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, scheduleFromConfig,
} from './schedules.js';
export type {
  CosineDecayConfig, CosineDecayRestartsConfig, ExponentialDecayConfig, InverseTimeDecayConfig, LearningRateSchedule,
  PiecewiseConstantDecayConfig, ScheduleClassName, SerializedSchedule,
} from './schedules.js';
