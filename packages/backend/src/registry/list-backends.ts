import type { RuntimeEnvironment } from './adapter.js';
import { checkAvailability } from './availability.js';
import { CATALOGUE, findCatalogueEntry, installCommand } from './catalogue.js';
import { detectEnvironment } from './environment.js';
import { getAdapter, registeredAdapters } from './registry.js';
import { currentBackend } from './use-backend.js';

export interface BackendStatus {
  name: string;
  packageName: string;
  installCommand: string;
  /** Its adapter package is installed and imported. */
  registered: boolean;
  /** It can run here now (registered, right environment, adapter's isAvailable() true). */
  available: boolean;
  /** Why not, when unavailable. */
  reason?: string;
  environments: readonly RuntimeEnvironment[];
  /** It is the backend useBackend() selected and tfjs-core is still on it. */
  active: boolean;
}

/** Every known backend plus any other registered adapter, with availability here and the reason when not. */
export async function listBackends(options: { environment?: RuntimeEnvironment } = {}): Promise<BackendStatus[]> {
  const env = options.environment ?? detectEnvironment();
  const names = [...CATALOGUE.map((e) => e.name), ...registeredAdapters().map((a) => a.name)];
  const active = currentBackend()?.name;
  const statuses: BackendStatus[] = [];
  for (const name of new Set(names)) {
    const adapter = getAdapter(name);
    const entry = findCatalogueEntry(name);
    const packageName = adapter?.packageName ?? entry!.packageName;
    const availability = await checkAvailability(name, env);
    const status: BackendStatus = {
      name,
      packageName,
      installCommand: installCommand(packageName),
      registered: adapter !== undefined,
      available: availability.available,
      environments: adapter?.environments ?? entry!.environments,
      active: name === active,
    };
    if (!availability.available) status.reason = availability.reason;
    statuses.push(status);
  }
  return statuses;
}
