export { RnnkitOptimizer } from './base-optimizer.js';
export type { BaseOptimizerConfig, NamedTensor, StepContext } from './base-optimizer.js';
export type { ClipReport } from './clip-report.js';
export { clipByGlobalNorm, globalNorm } from './clip.js';
export type { ClipByGlobalNormResult, GradientList } from './clip.js';

export { SGD, sgd } from './sgd.js';
export type { SgdConfig } from './sgd.js';
export { Adam, adam } from './adam.js';
export type { AdamConfig } from './adam.js';
export { AdamW, adamw } from './adamw.js';
export type { AdamWConfig } from './adamw.js';
export { Nadam, nadam } from './nadam.js';
export type { NadamConfig } from './nadam.js';
export { RMSprop, rmsprop } from './rmsprop.js';
export type { RmspropConfig } from './rmsprop.js';
export { Adagrad, adagrad } from './adagrad.js';
export type { AdagradConfig } from './adagrad.js';
export { Adadelta, adadelta } from './adadelta.js';
export type { AdadeltaConfig } from './adadelta.js';
export { Adamax, adamax } from './adamax.js';
export type { AdamaxConfig } from './adamax.js';

export { getOptimizer, optimizerFromConfig, serializeOptimizer } from './get-optimizer.js';
export type { OptimizerClassName, OptimizerName, SerializedOptimizer } from './get-optimizer.js';

export {
  cosineDecay, cosineDecayRestarts, exponentialDecay, inverseTimeDecay, piecewiseConstantDecay, scheduleFromConfig,
} from './schedules.js';
export type {
  CosineDecayConfig, CosineDecayRestartsConfig, ExponentialDecayConfig, InverseTimeDecayConfig, LearningRateSchedule,
  PiecewiseConstantDecayConfig, ScheduleClassName, SerializedSchedule,
} from './schedules.js';
