import { browserProject } from '../../scripts/vitest-browser-project.js';

// Every optimizer on webgl (and cpu, wasm) in headless Chromium, against the same float64 references as in Node.
export default browserProject('optimizers-browser', {
  optimizeDeps: ['@rnnkit/backend-webgl > @tensorflow/tfjs-backend-webgl', '@rnnkit/backend-wasm > @tensorflow/tfjs-backend-wasm'],
});
