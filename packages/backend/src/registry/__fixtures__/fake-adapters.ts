// Fake adapters for registry tests: they drive tfjs-core's cpu engine but report whatever we need.
import { tf } from '../../tfjs.js';
import type { BackendAdapter, RuntimeEnvironment } from '../adapter.js';

export interface FakeOptions {
  name: string;
  packageName?: string;
  environments?: RuntimeEnvironment[];
  available?: boolean;
  reason?: string;
  /** The tfjs backend it claims to run on; 'cpu' unless testing the fallback check. */
  tfjsBackend?: string;
  initError?: string;
}

export function fakeAdapter(o: FakeOptions): BackendAdapter & { inits: number } {
  const adapter = {
    name: o.name,
    packageName: o.packageName ?? `@rnnkit/backend-${o.name}`,
    environments: o.environments ?? (['node', 'browser'] as RuntimeEnvironment[]),
    inits: 0,
    async isAvailable() {
      return o.available === false ? { available: false, reason: o.reason } : { available: true };
    },
    async init() {
      adapter.inits += 1;
      if (o.initError) throw new Error(o.initError);
      await tf.setBackend('cpu');
    },
    capabilities() {
      return { tfjsBackend: o.tfjsBackend ?? 'cpu', fusedKernels: [] };
    },
  };
  return adapter;
}
