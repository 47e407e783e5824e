import { cpuAdapter } from '../adapters/cpu-adapter.js';
import type { BackendAdapter } from './adapter.js';

// Registered adapters by name. The built-in cpu adapter is always present; adapter packages add themselves
// from their registering entry point. Registering never selects a backend: only useBackend() does.
const adapters = new Map<string, BackendAdapter>([[cpuAdapter.name, cpuAdapter]]);

/**
 * Makes an adapter selectable by name. Names are unique: registering a name again replaces the earlier
 * adapter only when it comes from the same package (a module loaded twice, a hot reload); another package
 * claiming the name is an error, so import order never decides which engine runs.
 */
export function registerAdapter(adapter: BackendAdapter): void {
  if (typeof adapter?.name !== 'string' || adapter.name.length === 0 || adapter.name === 'auto') {
    throw new TypeError(`registerAdapter: adapter.name must be a non-empty string other than 'auto', got ${JSON.stringify(adapter?.name)}`);
  }
  const existing = adapters.get(adapter.name);
  if (existing && existing.packageName !== adapter.packageName) {
    throw new Error(
      `registerAdapter: backend '${adapter.name}' is already registered by ${existing.packageName}; ` +
        `${adapter.packageName} cannot register the same name`,
    );
  }
  adapters.set(adapter.name, adapter);
}

export function getAdapter(name: string): BackendAdapter | undefined {
  return adapters.get(name);
}

export function registeredAdapters(): BackendAdapter[] {
  return [...adapters.values()];
}

/** Tests only: back to the built-in cpu adapter alone. Not exported from the package. */
export function resetRegistryForTests(): void {
  adapters.clear();
  adapters.set(cpuAdapter.name, cpuAdapter);
}
