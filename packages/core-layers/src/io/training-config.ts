// The training config and optimizer state that travel with a model saved with includeOptimizer, in tfjs-layers'
// layout: `trainingConfig: {loss, metrics, optimizer_config: {class_name, config}}` and optimizer weights in group
// 'optimizer', 'iter' first, then slot by slot ('<weight>/m' for every weight, then '<weight>/v', ...), each named by
// the model weight it belongs to. tfjs-layers restores optimizer state by position in that order, rnnkit by name, so
// both read what either writes.
import type { tf } from '@rnnkit/backend';
import { optimizerFromConfig, serializeOptimizer, type RnnkitOptimizer } from '@rnnkit/optimizers';
import type { WeightVariable } from '../engine/contracts.js';
import type { CompileArgs, LossArg, MetricArg } from '../training/compile.js';

type NamedTensor = { name: string; tensor: tf.Tensor };
type LossJson = string | { class_name: string; config: Record<string, unknown> };

const KERAS_BOOKKEEPING = new Set(['name', 'jit_compile', 'is_legacy_optimizer', 'use_ema', 'ema_momentum', 'ema_overwrite_frequency']);
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

// tfjs-layers reads only the long names back ('mse' is a metric name there, not a loss name).
const LONG: Record<string, string> = { mse: 'meanSquaredError', mae: 'meanAbsoluteError' };

function lossToJson(l: LossArg): LossJson {
  if (typeof l === 'function') return l.name || 'custom';
  if (typeof l === 'string') return snake(LONG[l] ?? l);
  // fromLogits has no string form: Keras' {class_name, config} (tfjs-layers cannot read this one).
  return l.fromLogits ? { class_name: upperFirst(l.name), config: { from_logits: true } } : snake(LONG[l.name] ?? l.name);
}

function lossFromJson(j: unknown): LossArg {
  if (typeof j === 'string') return camel(j) as LossArg;
  const o = j as { class_name?: string; config?: { from_logits?: boolean } };
  if (typeof o?.class_name !== 'string') throw new Error(`a loss must be a name or {class_name, config}, got ${JSON.stringify(j)}`);
  const name = o.class_name[0].toLowerCase() + o.class_name.slice(1);
  return { name: name as never, fromLogits: !!o.config?.from_logits };
}

const mapValues = <T, U>(v: T | T[] | Record<string, T>, f: (x: T) => U, isLeaf: (x: unknown) => x is T): U | U[] | Record<string, U> =>
  isLeaf(v) ? f(v) : Array.isArray(v) ? v.map(f) : Object.fromEntries(Object.entries(v as Record<string, T>).map(([k, x]) => [k, f(x)]));

const isLossLeaf = (x: unknown): x is LossArg => typeof x === 'string' || typeof x === 'function' || (typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { name?: unknown }).name === 'string' && Object.keys(x).every((k) => k === 'name' || k === 'fromLogits'));
const isLossJsonLeaf = (x: unknown): x is unknown => typeof x === 'string' || (typeof x === 'object' && x !== null && 'class_name' in x);
const metricName = (m: MetricArg) => (typeof m === 'function' ? m.name || 'metric' : m);

/** The trainingConfig of tfjs' model.json for what compile() was given and the optimizer. */
export function trainingConfigOf(args: CompileArgs, optimizer: RnnkitOptimizer): tf.io.TrainingConfig {
  const { className, config } = serializeOptimizer(optimizer);
  const metrics = args.metrics === undefined ? undefined : Array.isArray(args.metrics) ? args.metrics.map(metricName) : Object.fromEntries(Object.entries(args.metrics).map(([k, v]) => [k, [v].flat().map(metricName)]));
  return {
    loss: mapValues(args.loss as LossArg, lossToJson, isLossLeaf) as never,
    ...(metrics ? { metrics: metrics as never } : {}),
    optimizer_config: { class_name: className, config } as never,
  };
}

/** compile() arguments back from a saved trainingConfig (rnnkit's, tfjs-layers' or Keras' spelling). */
export function compileArgsOf(tc: tf.io.TrainingConfig): CompileArgs {
  const oc = tc.optimizer_config as unknown as { class_name?: string; className?: string; config?: Record<string, unknown> };
  const className = oc?.class_name ?? oc?.className;
  if (typeof className !== 'string') throw new Error('optimizer_config has no class_name');
  // Keras writes bookkeeping keys rnnkit's optimizers do not take (and nulls for unset options): left out.
  const config = Object.fromEntries(Object.entries(oc.config ?? {}).filter(([k, v]) => v !== null && !KERAS_BOOKKEEPING.has(k) && !(k === 'decay' && v === 0)).map(([k, v]) => [camel(k), v]));
  const metrics = tc.metrics === undefined || tc.metrics === null ? undefined : Array.isArray(tc.metrics) ? tc.metrics.map(camel) : Object.fromEntries(Object.entries(tc.metrics).map(([k, v]) => [k, [v].flat().map((m) => camel(String(m)))]));
  return {
    optimizer: optimizerFromConfig({ className, config }),
    loss: mapValues(tc.loss as unknown, lossFromJson, isLossJsonLeaf) as CompileArgs['loss'],
    ...(metrics ? { metrics: metrics as CompileArgs['metrics'] } : {}),
  };
}

const splitName = (n: string) => {
  const cut = n.lastIndexOf('/');
  return cut < 0 ? { owner: n, slot: '' } : { owner: n.slice(0, cut), slot: n.slice(cut + 1) };
};

/** The optimizer's state named by model weight, 'iter' first, then slot by slot in the model's weight order. */
export async function optimizerStateForSave(optimizer: RnnkitOptimizer, weights: WeightVariable[]): Promise<NamedTensor[]> {
  const state = await optimizer.getWeights();
  const byVariable = new Map(weights.map((w, i) => [w.value.name, { name: w.name, order: i }]));
  const [iter, ...rest] = state;
  const slots: string[] = [];
  const entries = rest.map(({ name, tensor }) => {
    const { owner, slot } = splitName(name);
    if (!slots.includes(slot)) slots.push(slot);
    const w = byVariable.get(owner);
    return { name: w ? `${w.name}/${slot}` : name, tensor, slot: slots.indexOf(slot), order: w?.order ?? Number.MAX_SAFE_INTEGER };
  });
  entries.sort((a, b) => a.slot - b.slot || a.order - b.order);
  return [iter, ...entries.map(({ name, tensor }) => ({ name, tensor }))];
}

/**
 * Saved optimizer state renamed to this model's variables: by weight name where the names match, else by position
 * within each slot (tfjs-layers' order) when every slot lists one entry per trainable weight. Returns why not when
 * the state cannot be placed.
 */
export function optimizerStateForLoad(saved: NamedTensor[], weights: WeightVariable[]): { state: NamedTensor[] } | { reason: string } {
  const [iter, ...rest] = saved;
  if (iter?.name !== 'iter') return { reason: "the state does not start with its 'iter' entry" };
  const byName = new Map(weights.map((w) => [w.name, w.value.name]));
  const trainable = weights.filter((w) => w.trainable);
  const perSlot = new Map<string, number>();
  for (const s of rest) perSlot.set(splitName(s.name).slot, (perSlot.get(splitName(s.name).slot) ?? 0) + 1);
  const positional = [...perSlot.values()].every((c) => c === trainable.length);
  const seen = new Map<string, number>();
  const state: NamedTensor[] = [iter];
  for (const s of rest) {
    const { owner, slot } = splitName(s.name);
    const k = seen.get(slot) ?? 0;
    seen.set(slot, k + 1);
    const variable = byName.get(owner) ?? (positional ? trainable[k].value.name : undefined);
    if (!variable) return { reason: `'${s.name}' names no weight of this model, and the slots do not list one entry per trainable weight (${trainable.length})` };
    state.push({ name: `${variable}/${slot}`, tensor: s.tensor });
  }
  return { state };
}
