// Importing this entry registers the webgl adapter with @rnnkit/backend (its one side effect); it never selects it.
// Select it with useBackend('webgl'), or let useBackend('auto') pick it in a browser.
import { registerAdapter } from '@rnnkit/backend';
import { webglAdapter } from './webgl-adapter.js';

registerAdapter(webglAdapter);

export { webglAdapter };
// The gate operations on WebGL programs (registered by the adapter's init), for tensorFusedKernels(webglGateOps).
export { webglGateOps } from './webgl-gate-ops.js';
