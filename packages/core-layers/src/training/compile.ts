// compile: the optimizer (an instance or a name, via @rnnkit/optimizers), the loss per output and the metrics.
import { tf } from '@rnnkit/backend';
import { getOptimizer } from '@rnnkit/optimizers';
import { ConfigError } from '../errors.js';
import type { ModelCore } from '../engine/contracts.js';
import { getLoss, type LossFn, type LossName, type LossSpec } from './losses.js';
import { getMetric, type MetricFn, type MetricName } from './metrics.js';

export type LossArg = LossName | LossSpec | LossFn;
export type MetricArg = MetricName | MetricFn;

export interface CompileArgs {
  optimizer: string | tf.Optimizer | Record<string, unknown>;
  /**
   * One loss for every output (Keras sums the outputs' losses), or one per output: a list in the model's output
   * order, or an object keyed by output name.
   */
  loss: LossArg | LossArg[] | Record<string, LossArg>;
  /** Metrics of every output (a list), or per output name (an object). */
  metrics?: MetricArg[] | Record<string, MetricArg | MetricArg[]>;
}

/** What one output is trained and measured with; `prefix` is '' for a single-output model, else `<output>_`. */
export interface OutputSpec {
  prefix: string;
  loss: { fn: LossFn; name: string };
  metrics: { fn: MetricFn; name: string }[];
}

export interface CompiledModel {
  optimizer: tf.Optimizer;
  /** The loss of the first output (the only one in most models). */
  loss: { fn: LossFn; name: string };
  /** The metrics of the first output. */
  metrics: { fn: MetricFn; name: string }[];
  /** What compile() was given, resolved per output once the output names are known (outputSpecs). */
  readonly args: CompileArgs;
  /** Cached per-output specs, keyed by the joined output names. */
  specs?: { key: string; outputs: OutputSpec[] };
}

// A LossSpec is {name, fromLogits?}; anything else that is an object is a per-output record.
const isLossArg = (v: unknown): v is LossArg =>
  typeof v === 'string' || typeof v === 'function' ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as LossSpec).name === 'string' && Object.keys(v).every((k) => k === 'name' || k === 'fromLogits'));

/**
 * Resolves the optimizer and the loss now (so a bad name fails at compile); per-output losses and metrics are checked
 * against the model's outputs when a model is given, else at the first fit/evaluate.
 */
export function compileModel(modelOrArgs: ModelCore | CompileArgs, maybeArgs?: CompileArgs): CompiledModel {
  const model = maybeArgs ? (modelOrArgs as ModelCore) : undefined;
  const args = (maybeArgs ?? modelOrArgs) as CompileArgs;
  if (!args || args.loss === undefined) throw new ConfigError('compile: a loss is required, e.g. compile({optimizer: "adam", loss: "mse"})');
  if (args.optimizer === undefined) throw new ConfigError('compile: an optimizer is required, e.g. compile({optimizer: "adam", loss: "mse"})');
  const optimizer = args.optimizer instanceof tf.Optimizer ? args.optimizer : getOptimizer(args.optimizer as Parameters<typeof getOptimizer>[0]);
  const firstLoss = Array.isArray(args.loss) ? args.loss[0] : isLossArg(args.loss) ? args.loss : Object.values(args.loss)[0];
  if (firstLoss === undefined) throw new ConfigError('compile: loss is an empty list or object; give one loss per output');
  const loss = getLoss(firstLoss);
  const first = Array.isArray(args.metrics) || args.metrics === undefined ? args.metrics ?? [] : [Object.values(args.metrics)[0] ?? []].flat();
  const compiled: CompiledModel = { optimizer, loss, metrics: first.map((m) => getMetric(m, loss.name)), args };
  if (model) outputSpecs(compiled, model.outputNames);
  return compiled;
}

function pick<T>(what: string, value: T[] | Record<string, T>, names: string[], i: number): T | undefined {
  if (Array.isArray(value)) {
    if (value.length !== names.length) throw new ConfigError(`compile: ${what} lists ${value.length} entries but the model has ${names.length} output(s) (${names.join(', ')})`);
    return value[i];
  }
  const unknown = Object.keys(value).filter((k) => !names.includes(k));
  if (unknown.length) throw new ConfigError(`compile: ${what} names output '${unknown[0]}', but the model's outputs are ${names.join(', ')}`);
  return value[names[i]];
}

/** The loss and metrics of each output, in the model's output order (Keras log names `<output>_loss`, `<output>_acc`). */
export function outputSpecs(compiled: CompiledModel, outputNames: string[]): OutputSpec[] {
  const key = outputNames.join('\u0000');
  if (compiled.specs?.key === key) return compiled.specs.outputs;
  const { loss, metrics } = compiled.args;
  const outputs = outputNames.map((name, i): OutputSpec => {
    const l = isLossArg(loss) ? loss : pick('loss', loss, outputNames, i);
    if (l === undefined) throw new ConfigError(`compile: no loss for output '${name}' (the loss object names ${Object.keys(loss).join(', ')})`);
    const resolved = getLoss(l);
    const m = metrics === undefined ? [] : Array.isArray(metrics) ? metrics : [pick('metrics', metrics, outputNames, i) ?? []].flat();
    return { prefix: outputNames.length > 1 ? `${name}_` : '', loss: resolved, metrics: m.map((x) => getMetric(x, resolved.name)) };
  });
  compiled.specs = { key, outputs };
  return outputs;
}
