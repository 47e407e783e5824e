// Public pieces of persistence, for src/index.ts to re-export.
export { saveModel, modelArtifacts } from './save-model.js';
export type { SaveOptions } from './save-model.js';
export { loadModel } from './load-model.js';
export { resolveHandler } from './handlers.js';
export type { ModelTarget } from './handlers.js';
export { fileHandler } from './file-handler.js';
