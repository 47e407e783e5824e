import { browserProject } from '../../scripts/vitest-browser-project.js';

export default browserProject('backend-webgl-browser', {
  optimizeDeps: ['@tensorflow/tfjs-backend-webgl', '@rnnkit/backend-wasm > @tensorflow/tfjs-backend-wasm'],
});
