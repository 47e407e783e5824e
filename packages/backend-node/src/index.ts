// Importing this entry registers the 'tensorflow' adapter with @rnnkit/backend (its one side effect); it never
// selects it and never loads tfjs-node: useBackend('tensorflow') or useBackend('auto') does.
import { registerAdapter } from '@rnnkit/backend';
import { nodeAdapter } from './node-adapter.js';

registerAdapter(nodeAdapter);

export { enableBlockLstm, enableSimdKernels, nodeAdapter, oneDnnIsaIsSignalSafe, setInferenceThreads } from './node-adapter.js';
export { INSTALL_COMMAND as tfjsNodeInstallCommand } from './tfjs-node-probe.js';
