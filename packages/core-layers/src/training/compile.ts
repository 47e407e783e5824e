import { tf } from '@rnnkit/backend';
import { getOptimizer } from '@rnnkit/optimizers';
import { getLoss, type LossFn, type LossName, type LossSpec } from './losses.js';
import { getMetric, type MetricFn, type MetricName } from './metrics.js';

export interface CompileArgs {
  optimizer: string | tf.Optimizer | Record<string, unknown>;
  loss: LossName | LossSpec | LossFn;
  metrics?: (MetricName | MetricFn)[];
}

export interface CompiledModel {
  optimizer: tf.Optimizer;
  loss: { fn: LossFn; name: string };
  metrics: { fn: MetricFn; name: string }[];
}

export function compileModel(args: CompileArgs): CompiledModel {
  if (!args || args.loss === undefined) throw new Error('compile: a loss is required, e.g. compile({optimizer: "adam", loss: "mse"})');
  const optimizer = args.optimizer instanceof tf.Optimizer ? args.optimizer : getOptimizer(args.optimizer as Parameters<typeof getOptimizer>[0]);
  const loss = getLoss(args.loss);
  return { optimizer, loss, metrics: (args.metrics ?? []).map((m) => getMetric(m, loss.name)) };
}
