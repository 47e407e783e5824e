// Typed errors of core-layers: each names the layer or argument, what was expected and what came.
export class LayerError extends Error {
  override name = 'LayerError';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export class InputError extends Error {
  override name = 'InputError';
}

export const shapeText = (s: readonly (number | null)[]): string => `[${s.map((d) => (d == null ? 'null' : d)).join(', ')}]`;

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** Rejects config keys a layer does not know, suggesting the closest known one. */
export function checkConfigKeys(layer: string, config: object, known: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const best = [...known].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
    throw new ConfigError(`${layer}: unknown config key '${key}'${best ? ` (did you mean '${best}'?)` : ''}`);
  }
}
