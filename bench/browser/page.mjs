// The browser side of the benchmark: the same measuring loop as the Node run, on webgl and wasm. The runner
// (run-browser.mjs) calls window.runBench(grid) and reads the rows back.
import { tf } from '@rnnkit/backend';
import { webglAdapter } from '@rnnkit/backend-webgl';
import { wasmAdapter } from '@rnnkit/backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { measureGrid } from '../measure.mjs';

const logEl = document.getElementById('log');
const log = (line) => {
  logEl.textContent += `\n${line}`;
  console.log(line);
};

window.runBench = async (grid) => {
  logEl.textContent = `tfjs-core ${tf.version_core}`;
  const { rows, kernelPaths } = await measureGrid({ grid, tfl, adapters: { webgl: webglAdapter, wasm: wasmAdapter }, log, matMulSize: grid.matMulSize ?? 512 });
  return { rows, kernelPaths, tfjsCore: tf.version_core, userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency };
};
window.benchReady = true;
