// Public pieces of training (compile, fit, evaluate, predict, callbacks), for src/index.ts to re-export.
export { compileModel, outputSpecs } from './compile.js';
export type { CompileArgs, CompiledModel, LossArg, MetricArg, OutputSpec } from './compile.js';
export { fitModel } from './fit.js';
export type { FitConfig } from './fit.js';
export { evaluateModel, predictModel } from './evaluate.js';
export type { EvaluateConfig } from './evaluate.js';
export { fitDatasetModel, evaluateDatasetModel } from './fit-dataset.js';
export type { AnyDataset, DatasetBatch, EpochDataset, FitDatasetConfig, TfjsLikeDataset } from './fit-dataset.js';
export { trainOnBatchModel } from './train-on-batch.js';
export type { TrainOnBatchConfig } from './train-on-batch.js';
export type { TensorOrList, TrainableModel } from './fit-helpers.js';
export { History, earlyStopping, reduceLROnPlateau, terminateOnNaN, wantsGradientNorms } from './callbacks.js';
export type { BatchEndLogs, BatchLogs, Callback, GradientNormLogs, Logs } from './callbacks.js';
export { modelCheckpoint, checkpointPath } from './model-checkpoint.js';
export { getLoss } from './losses.js';
export type { LossFn, LossName, LossSpec } from './losses.js';
export { getMetric } from './metrics.js';
export type { MetricFn, MetricName } from './metrics.js';
