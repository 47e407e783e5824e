import { browserProject } from '../../scripts/vitest-browser-project.js';

// core-layers models on webgl and wasm in headless Chromium, against cpu in the same page.
export default browserProject('core-layers-browser', {
  optimizeDeps: ['@rnnkit/backend-webgl > @tensorflow/tfjs-backend-webgl', '@rnnkit/backend-wasm > @tensorflow/tfjs-backend-wasm'],
});
