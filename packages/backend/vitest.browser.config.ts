import { browserProject } from '../../scripts/vitest-browser-project.js';

// The registry and the conformance suite (cpu) in headless Chromium: environment detection, the browser chain.
export default browserProject('backend-browser', { optimizeDeps: [] });
