import type { RuntimeEnvironment } from './adapter.js';

/** An adapter rnnkit knows about, whether or not it is installed: used for install hints and the auto chain. */
export interface CatalogueEntry {
  readonly name: string;
  readonly packageName: string;
  readonly environments: readonly RuntimeEnvironment[];
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'cpu', packageName: '@rnnkit/backend', environments: ['node', 'browser'] },
  { name: 'wasm', packageName: '@rnnkit/backend-wasm', environments: ['node', 'browser'] },
  { name: 'webgl', packageName: '@rnnkit/backend-webgl', environments: ['browser'] },
  { name: 'tensorflow', packageName: '@rnnkit/backend-node', environments: ['node'] },
];

/** 'auto' tries these in order; the first available one wins. cpu, last, is always there. */
export const AUTO_CHAINS: Readonly<Record<RuntimeEnvironment, readonly string[]>> = {
  node: ['tensorflow', 'wasm', 'cpu'],
  browser: ['webgl', 'wasm', 'cpu'],
};

export function findCatalogueEntry(name: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.name === name);
}

export function installCommand(packageName: string): string {
  return `npm i ${packageName}`;
}

/** The full hint for a known adapter that is not registered: install it, then import it (importing registers). */
export function installHint(packageName: string): string {
  return `${installCommand(packageName)}, then import '${packageName}'`;
}
