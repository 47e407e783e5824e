import { browserProject } from '../../scripts/vitest-browser-project.js';
// @ts-expect-error: a plain .mjs build script without types
import { embedWasm } from './scripts/embed-wasm.mjs';

// Browsers load the wasm binaries from wasm/<variant>.js, which the build generates; tests run on sources.
embedWasm();

export default browserProject('backend-wasm-browser', { optimizeDeps: ['@tensorflow/tfjs-backend-wasm'] });
