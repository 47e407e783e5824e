import type { Availability, BackendAdapter, RuntimeEnvironment } from './adapter.js';
import { findCatalogueEntry, installHint } from './catalogue.js';
import { getAdapter } from './registry.js';

/**
 * Whether the named backend can run here, and why not. Checks, in order: known or registered at all,
 * installed (registered), meant for this environment, and the adapter's own isAvailable().
 */
export async function checkAvailability(name: string, env: RuntimeEnvironment): Promise<Availability & { notInstalled?: boolean }> {
  const adapter = getAdapter(name);
  const known = findCatalogueEntry(name);
  const environments = adapter?.environments ?? known?.environments;
  if (!adapter && !known) return { available: false, reason: 'unknown backend' };
  if (environments && !environments.includes(env)) {
    return { available: false, reason: `${name} runs only in ${environments.join(' and ')}; this is ${env}` };
  }
  if (!adapter) return { available: false, notInstalled: true, reason: `not installed: ${installHint(known!.packageName)}` };
  return probe(adapter);
}

async function probe(adapter: BackendAdapter): Promise<Availability> {
  try {
    const result = await adapter.isAvailable();
    if (result.available) return { available: true };
    return { available: false, reason: result.reason ?? 'its adapter reports it unavailable and gives no reason' };
  } catch (error) {
    return { available: false, reason: `isAvailable() threw: ${messageOf(error)}` };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
