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

function configOf(l: LayerLike): Record<string, unknown> {
  try {
    return (typeof l.getConfig === 'function' ? l.getConfig() : l.config) ?? {};
  } catch {
    return {};
  }
}

/** Whether the summary-able object already is a ModelSummary (users may pass one directly). */
function isSummary(m: unknown): m is ModelSummary {
  return typeof m === 'object' && m !== null && Array.isArray((m as ModelSummary).layers) &&
    (m as ModelSummary).layers.every((l) => typeof l === 'object' && l !== null && 'recurrent' in l && 'masked' in l);
}

export function summarizeModel(fn: string, model: unknown): ModelSummary {
  if (isSummary(model)) return model;
  const layers = (model as { layers?: unknown })?.layers;
  if (!Array.isArray(layers)) throw new InvalidEvidenceError(fn, 'model', 'a model with a layers array (sequential or functional)', describeValue(model));
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
