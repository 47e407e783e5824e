import { tf } from '../tfjs.js';
import { BackendUnavailableError } from '../errors.js';
import type { BackendAdapter, BackendCapabilities, RuntimeEnvironment } from './adapter.js';
import { checkAvailability, messageOf } from './availability.js';
import { AUTO_CHAINS, findCatalogueEntry, installCommand, installHint } from './catalogue.js';
import { detectEnvironment } from './environment.js';
import { getAdapter, registeredAdapters } from './registry.js';

/** The backend useBackend() chose, and why. */
export interface BackendChoice {
  name: string;
  /** In words: 'requested', 'RNNKIT_BACKEND=wasm', 'auto: tensorflow unavailable: ...'. */
  reason: string;
  capabilities: BackendCapabilities;
  environment: RuntimeEnvironment;
}

export interface UseBackendOptions {
  /** Replaces the environment's auto chain (browser: ['webgl', 'wasm', 'cpu']; Node: ['tensorflow', 'wasm', 'cpu']). */
  preference?: string[];
  /** Overrides 'auto' with one backend (the browser's counterpart of RNNKIT_BACKEND). */
  backend?: string;
  /** Where the one-line choice report goes; default console.info. `false` silences it. */
  log?: ((msg: string) => void) | false;
  /** Overrides environment detection (tests, unusual runtimes). */
  environment?: RuntimeEnvironment;
}

interface Plan {
  candidates: string[];
  /** An explicit request fails loudly; an auto chain skips what does not work. */
  explicit: boolean;
  source: string;
}

let current: BackendChoice | null = null;
// Selections run one at a time, so two concurrent calls cannot interleave init() of two engines.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Selects and initialises a backend. `'auto'` walks the environment's preference chain, skipping adapters
 * that are not registered or not available, and reports what it chose and why. In Node the environment
 * variable RNNKIT_BACKEND (a name, or a comma-separated chain) overrides 'auto'.
 */
export function useBackend(name: string = 'auto', options: UseBackendOptions = {}): Promise<BackendChoice> {
  const run = queue.then(() => select(name, options));
  queue = run.catch(() => undefined);
  return run;
}

/** The backend last selected with useBackend(), or null when none was or tfjs-core was since switched elsewhere. */
export function currentBackend(): BackendChoice | null {
  if (current && tf.engine().backendName !== current.capabilities.tfjsBackend) return null;
  return current;
}

/** Tests only. */
export function resetCurrentBackendForTests(): void {
  current = null;
}

async function select(name: string, options: UseBackendOptions): Promise<BackendChoice> {
  const environment = options.environment ?? detectEnvironment();
  const plan = makePlan(name, options, environment);
  const choice = plan.explicit
    ? await selectExplicit(plan.candidates[0], plan.source, environment)
    : await selectFromChain(plan, environment);
  current = choice;
  const log = options.log === undefined ? (msg: string) => console.info(msg) : options.log;
  if (log) log(`[rnnkit] backend ${choice.name} (${choice.reason})`);
  return choice;
}

function makePlan(name: string, options: UseBackendOptions, env: RuntimeEnvironment): Plan {
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`useBackend: name must be a backend name or 'auto', got ${JSON.stringify(name)}`);
  }
  if (name !== 'auto') return { candidates: [name], explicit: true, source: 'requested' };
  const fromEnv = env === 'node' ? readEnvOverride() : undefined;
  if (fromEnv) return planFromList(fromEnv, `RNNKIT_BACKEND=${fromEnv}`);
  if (options.backend) return { candidates: [options.backend], explicit: true, source: `backend option '${options.backend}'` };
  if (options.preference) {
    if (options.preference.length === 0) throw new TypeError('useBackend: options.preference must name at least one backend, got []');
    return { candidates: [...options.preference], explicit: false, source: `preference ${options.preference.join(' > ')}` };
  }
  return { candidates: [...AUTO_CHAINS[env]], explicit: false, source: 'auto' };
}

function planFromList(value: string, source: string): Plan {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 1 && names[0] !== 'auto') return { candidates: names, explicit: true, source };
  return { candidates: names.filter((n) => n !== 'auto'), explicit: false, source };
}

function readEnvOverride(): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.RNNKIT_BACKEND?.trim();
  return value && value !== 'auto' ? value : undefined;
}

async function selectExplicit(name: string, source: string, env: RuntimeEnvironment): Promise<BackendChoice> {
  const suffix = source === 'requested' ? '' : ` (from ${source})`;
  const availability = await checkAvailability(name, env);
  if (!availability.available) {
    throw unavailableError(name, availability.reason ?? 'unavailable', availability.notInstalled === true, suffix);
  }
  const adapter = getAdapter(name)!;
  const capabilities = await activate(adapter, suffix);
  return { name, reason: source, capabilities, environment: env };
}

async function selectFromChain(plan: Plan, env: RuntimeEnvironment): Promise<BackendChoice> {
  const skipped: string[] = [];
  for (const name of plan.candidates) {
    const availability = await checkAvailability(name, env);
    if (!availability.available) {
      skipped.push(availability.notInstalled ? `${name} not installed (${installCommand(findCatalogueEntry(name)!.packageName)})` : `${name} unavailable: ${availability.reason}`);
      continue;
    }
    try {
      const capabilities = await activate(getAdapter(name)!, '');
      const why = skipped.length === 0 ? `first available of ${plan.candidates.join(' > ')}` : skipped.join('; ');
      return { name, reason: `${plan.source}: ${why}`, capabilities, environment: env };
    } catch (error) {
      skipped.push(`${name} failed: ${messageOf(error)}`);
    }
  }
  throw new BackendUnavailableError(`no backend available (${plan.source}, chain ${plan.candidates.join(' > ')}): ${skipped.join('; ')}`, 'auto');
}

function unavailableError(name: string, reason: string, notInstalled: boolean, suffix: string): BackendUnavailableError {
  const entry = findCatalogueEntry(name);
  if (notInstalled && entry) {
    return new BackendUnavailableError(`backend '${name}' is not installed: ${installHint(entry.packageName)}${suffix}`, name, {
      installCommand: installCommand(entry.packageName),
    });
  }
  if (reason === 'unknown backend') {
    const names = [...new Set([...AUTO_CHAINS.node, ...AUTO_CHAINS.browser, ...registeredAdapters().map((a) => a.name)])];
    return new BackendUnavailableError(`backend '${name}' is unknown${suffix}: expected one of ${names.join(', ')} or 'auto'`, name);
  }
  return new BackendUnavailableError(`backend '${name}' is unavailable${suffix}: ${reason}`, name);
}

/** init(), then check that tfjs-core really switched: tfjs would otherwise fall back silently to another engine. */
async function activate(adapter: BackendAdapter, suffix: string): Promise<BackendCapabilities> {
  try {
    await adapter.init();
  } catch (error) {
    throw new BackendUnavailableError(`backend '${adapter.name}' failed to initialise${suffix}: ${messageOf(error)}`, adapter.name, { cause: error });
  }
  const capabilities = adapter.capabilities();
  checkDeclaredKernels(adapter, capabilities, suffix);
  const active = tf.getBackend();
  if (active !== capabilities.tfjsBackend) {
    throw new BackendUnavailableError(
      `backend '${adapter.name}' initialised${suffix}, but tfjs-core's active backend is '${active}', expected '${capabilities.tfjsBackend}'`,
      adapter.name,
    );
  }
  return capabilities;
}

/** Capabilities are checked, not trusted: the fused kernels declared must be exactly the kernels provided. */
function checkDeclaredKernels(adapter: BackendAdapter, capabilities: BackendCapabilities, suffix: string): void {
  const provided = Object.keys(adapter.kernels ?? {}).filter((k) => adapter.kernels?.[k as keyof typeof adapter.kernels]).sort();
  const declared = [...(capabilities.fusedKernels ?? [])].sort();
  if (provided.join(',') !== declared.join(',')) {
    throw new BackendUnavailableError(
      `backend '${adapter.name}' declares fused kernels [${declared.join(', ')}]${suffix} but provides kernels for [${provided.join(', ')}]`,
      adapter.name,
    );
  }
}
