// The names weights get in a saved model: the ones tfjs-layers derives from the topology, because tfjs-layers loads
// weights by name (strictly). It names a layer's weights '<layer>/<weight>', a TimeDistributed's inner weights
// '<wrapper>/<weight>', and a Bidirectional's '<wrapper>/forward_<inner>/<weight>' and '.../backward_<inner>/...',
// where <inner> is the inner layer's name as the topology writes it. rnnkit's own weight names may differ (they are
// unique per model, not per format), so the saved names are derived here from the topology and the weight order.
import type { WeightVariable } from '../engine/contracts.js';

type LayerJson = { class_name: string; config: Record<string, unknown>; name?: string };

const bias = (c: Record<string, unknown>) => (c.use_bias === false ? 0 : 1);

/**
 * The name prefix of each of a layer's weights, in order, when the layer's own weights live under `prefix`; null for
 * a layer class this does not know.
 */
function prefixes(l: LayerJson, prefix: string): string[] | null {
  const c = l.config ?? {};
  switch (l.class_name) {
    case 'InputLayer':
    case 'Masking':
    case 'Dropout':
      return [];
    case 'Dense':
      return Array(1 + bias(c)).fill(prefix);
    case 'Embedding':
      return [prefix];
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return Array(2 + bias(c)).fill(prefix);
    case 'LayerNormalization':
      return Array((c.scale === false ? 0 : 1) + (c.center === false ? 0 : 1)).fill(prefix);
    case 'TimeDistributed':
      // The inner layer is built in the wrapper's scope, under no name of its own.
      return prefixes(c.layer as LayerJson, prefix);
    case 'Bidirectional': {
      const inner = c.layer as LayerJson;
      const name = inner.config.name as string;
      const fwd = prefixes(inner, `${prefix}/forward_${name}`);
      const bwd = prefixes(inner, `${prefix}/backward_${name}`);
      return fwd && bwd && [...fwd, ...bwd];
    }
    default:
      return null;
  }
}

/**
 * One saved name per model weight (parallel to `weights`), or the weights' own names when the topology has a layer
 * this does not know or the counts disagree (then tfjs-layers may not find them, rnnkit still loads by position).
 */
export function savedWeightNames(topology: Record<string, unknown>, weights: WeightVariable[]): string[] {
  const own = weights.map((w) => w.name);
  const topo = ((topology as { model_config?: unknown }).model_config ?? topology) as { config?: { layers?: LayerJson[] } | LayerJson[] };
  const layers = (Array.isArray(topo.config) ? topo.config : topo.config?.layers) ?? [];
  const all: string[] = [];
  for (const l of layers) {
    const p = prefixes(l, (l.name ?? l.config?.name) as string);
    if (!p) return own;
    all.push(...p);
  }
  if (all.length !== weights.length) return own;
  const short = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  return weights.map((w, i) => `${all[i]}/${short(w.name)}`);
}
