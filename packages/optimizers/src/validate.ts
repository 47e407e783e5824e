// Argument checks shared by every optimizer and schedule. Messages name the argument, what was expected and
// what came, through @rnnkit/backend's ValueError.
import { ValueError } from '@rnnkit/backend';

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

/** A finite number >= 0 (or > 0 when `strict`). */
export function checkNonNegative(op: string, argument: string, v: unknown, strict = false): number {
  const ok = typeof v === 'number' && Number.isFinite(v) && (strict ? v > 0 : v >= 0);
  if (!ok) {
    throw new ValueError({ op, argument, expected: strict ? 'a finite number > 0' : 'a finite number >= 0', got: describe(v) });
  }
  return v as number;
}

/** A decay rate in [0, 1) (betas, rho, momentum). */
export function checkUnitInterval(op: string, argument: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1) {
    throw new ValueError({ op, argument, expected: 'a number in [0, 1)', got: describe(v) });
  }
  return v;
}

export function checkBoolean(op: string, argument: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ValueError({ op, argument, expected: 'true or false', got: describe(v) });
  return v;
}

/** Rejects config keys the optimizer does not know, so a misspelt option is never silently ignored. */
export function checkKeys(op: string, config: object | undefined, allowed: readonly string[]): void {
  if (config === undefined) return;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ValueError({ op, argument: 'config', expected: 'an object (or nothing)', got: describe(config) });
  }
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      throw new ValueError({ op, argument: `config.${key}`, expected: `one of the known options (${allowed.join(', ')})`, got: 'an unknown option' });
    }
  }
}

export { describe };
