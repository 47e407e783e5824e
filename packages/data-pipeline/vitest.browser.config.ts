import { browserProject } from '../../scripts/vitest-browser-project.js';

// The main entry (no tfjs, no Node built-ins at load) and a browser ReadableStream source, in headless Chromium.
export default browserProject('data-pipeline-browser', { optimizeDeps: [] });
