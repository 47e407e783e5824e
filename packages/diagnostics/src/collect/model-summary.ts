// Reads a model's layers through its public surface (layers, getClassName, getConfig) into a ModelSummary.
import { InvalidEvidenceError, describeValue } from '../errors.js';
import type { LayerSummary, ModelSummary } from '../evidence.js';

const CELLS: Record<string, LayerSummary['cell']> = { SimpleRNN: 'simpleRNN', LSTM: 'lstm', GRU: 'gru' };
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU', 'RNN', 'Bidirectional']);

interface LayerLike {
  name?: string;
  getClassName?: () => string;
  className?: string;
  getConfig?: () => Record<string, unknown>;
  config?: Record<string, unknown>;
  layer?: LayerLike;
  forwardLayer?: LayerLike;
}

function classNameOf(l: LayerLike): string {
  if (typeof l.getClassName === 'function') return l.getClassName();
  if (typeof l.className === 'string') return l.className;
  const ctor = (l as { constructor?: { className?: string; name?: string } }).constructor;
  return ctor?.className ?? ctor?.name ?? 'Unknown';
}

/** A layer's config with camelCase keys (Keras and core-layers' getConfig use snake_case: mask_zero, units). */
export function configOf(l: LayerLike): Record<string, unknown> {
  let raw: Record<string, unknown>;
  try {
    raw = (typeof l.getConfig === 'function' ? l.getConfig() : l.config) ?? {};
  } catch {
    return {};
  }
  return camelKeys(raw);
}

export function camelKeys(c: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) out[k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())] = v;
  return out;
}

/** Whether the summary-able object already is a ModelSummary (users may pass one directly). */
function isSummary(m: unknown): m is ModelSummary {
  return typeof m === 'object' && m !== null && Array.isArray((m as ModelSummary).layers) &&
    (m as ModelSummary).layers.every((l) => typeof l === 'object' && l !== null && 'recurrent' in l && 'masked' in l);
}

interface KerasLayerJSON {
  class_name?: string;
  className?: string;
  name?: string;
  config?: Record<string, unknown>;
}

/** Layers from a Keras-format topology (model.json's modelTopology): config keys may be snake_case. */
function layersFromTopology(topology: unknown): LayerLike[] | undefined {
  const t = topology as { model_config?: KerasLayerJSON; config?: { layers?: KerasLayerJSON[] } } | undefined;
  const cfg = (t?.model_config ?? t) as { config?: { layers?: KerasLayerJSON[] } } | undefined;
  const layers = cfg?.config?.layers;
  if (!Array.isArray(layers)) return undefined;
  return layers.map((l) => {
    const c = l.config ?? {};
    const camel = camelKeys(c);
    const inner = camel.layer as KerasLayerJSON | undefined;
    if (inner) camel.layer = { className: inner.class_name ?? inner.className, config: inner.config };
    return { name: (c.name as string | undefined) ?? l.name, className: l.class_name ?? l.className, config: camel };
  });
}

export function summarizeModel(fn: string, model: unknown): ModelSummary {
  if (isSummary(model)) return model;
  const m = model as { layers?: unknown; toTopologyJSON?: () => unknown };
  // Models expose their layers directly, or (core-layers' ModelCore) through their Keras topology.
  const layers = Array.isArray(m?.layers) ? m.layers : typeof m?.toTopologyJSON === 'function' ? layersFromTopology(m.toTopologyJSON()) : undefined;
  if (!Array.isArray(layers)) throw new InvalidEvidenceError(fn, 'model', 'a model with a layers array or a Keras topology (toTopologyJSON)', describeValue(model));
  let masked = false;
  const out: LayerSummary[] = layers.map((raw, i) => {
    const l = raw as LayerLike;
    const className = classNameOf(l);
    const cfg = configOf(l);
    if (className === 'Masking' || (className === 'Embedding' && cfg.maskZero === true)) masked = true;
    const s: LayerSummary = { name: l.name ?? `layer_${i}`, className, recurrent: RECURRENT.has(className), masked };
    if (s.recurrent) {
      const inner = className === 'Bidirectional' ? (l.forwardLayer ?? l.layer) : undefined;
      const innerClass = inner ? classNameOf(inner) : (cfg.layer as { className?: string } | undefined)?.className ?? className;
      const innerCfg = inner ? configOf(inner) : ((cfg.layer as { config?: Record<string, unknown> } | undefined)?.config ?? cfg);
      s.cell = CELLS[innerClass];
      if (typeof innerCfg.activation === 'string') s.activation = innerCfg.activation;
      if (typeof innerCfg.units === 'number') s.units = innerCfg.units;
    }
    return s;
  });
  return { layers: out };
}

export function requireRecurrent(fn: string, m: ModelSummary): void {
  if (!m.layers.some((l) => l.recurrent)) {
    throw new InvalidEvidenceError(fn, 'model', 'a model with at least one recurrent layer (SimpleRNN, LSTM, GRU, RNN or Bidirectional)',
      `layers [${m.layers.map((l) => l.className).join(', ') || 'none'}]`);
  }
}
