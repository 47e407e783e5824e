// What the pack-and-install test installs and runs: each case installs only the named packages, from their
// tarballs, with plain npm in a folder outside the workspace, then runs a script there. Add a row per package:
// `readme` runs the first ```js block of that README (its example must work as a user copies it).

export interface PackCase {
  name: string;
  /** Workspace package names whose tarballs are installed (dependencies among them come from those tarballs). */
  install: string[];
  /** A script under tests/pack/examples/, or a README (repo-relative) whose first ```js block is the script. */
  script?: string;
  readme?: string;
  /** Checks on the script's stdout. */
  expectStdout?: RegExp[];
}

export const PACK_CASES: PackCase[] = [
  {
    name: 'backend + backend-wasm: pick wasm and multiply two matrices',
    install: ['@rnnkit/backend', '@rnnkit/backend-wasm'],
    script: 'wasm-matmul.mjs',
    expectStdout: [/^RESULT {"backend":"wasm","chosen":"wasm","simd":true,"product":\[\[19,22\],\[43,50\]\]}$/m],
  },
  {
    name: '@rnnkit/backend-wasm README example',
    install: ['@rnnkit/backend', '@rnnkit/backend-wasm'],
    readme: 'packages/backend-wasm/README.md',
    expectStdout: [/\[\[19,22\],\[43,50\]\]/],
  },
  {
    name: 'backend + backend-webgl in Node: imports, reports why webgl cannot run, refuses to select it',
    install: ['@rnnkit/backend', '@rnnkit/backend-webgl'],
    script: 'webgl-in-node.mjs',
    expectStdout: [
      /^ADAPTER {"available":false,"reason":"WebGL needs a browser/m,
      /^LISTED {"name":"webgl","packageName":"@rnnkit\/backend-webgl".*"registered":true,"available":false/m,
      /^REFUSED BackendUnavailableError: backend 'webgl' is unavailable: webgl runs only in browser; this is node$/m,
    ],
  },
  {
    name: '@rnnkit/backend-node README example (no tfjs-node installed: falls back, says why)',
    install: ['@rnnkit/backend', '@rnnkit/backend-node'],
    readme: 'packages/backend-node/README.md',
    expectStdout: [/tensorflow: unavailable: @tensorflow\/tfjs-node is not installed: npm i @tensorflow\/tfjs-node@4\.22\.0/],
  },
  {
    name: '@rnnkit/data-pipeline README example (alone, without tfjs): JSONL to bucketed, shuffled, masked batches',
    install: ['@rnnkit/data-pipeline'],
    readme: 'packages/data-pipeline/README.md',
    expectStdout: [/^epoch 0: 1000\/1000 samples in \d+ batches, never seen 0, seen twice 0/m, /^epoch 1: 1000\/1000 samples/m],
  },
  {
    name: '@rnnkit/diagnostics README example: a recorded LSTM run with unmasked post-padding, diagnosed',
    install: ['@rnnkit/backend', '@rnnkit/optimizers', '@rnnkit/core-layers', '@rnnkit/data-pipeline', '@rnnkit/diagnostics'],
    readme: 'packages/diagnostics/README.md',
    expectStdout: [/^rnnkit diagnostics: \d+ error\(s\)/m, /^ERROR PADDING_NOT_MASKED: Padding reaches the recurrent layer unmasked$/m],
  },
  {
    name: '@rnnkit/optimizers README example: minimize over plain variables with clipping, a schedule, save and resume',
    install: ['@rnnkit/backend', '@rnnkit/optimizers'],
    readme: 'packages/optimizers/README.md',
    expectStdout: [/^after 200 steps: w=3\.00 b=2\.00, gradient norm \S+, clipped \d+ times$/m, /^after 400 steps: w=3\.000 b=2\.000 loss=/m],
  },
];
PACK_CASES.push({
  name: '@rnnkit/core-layers README example: an LSTM learns the sign of a sum',
  install: ['@rnnkit/backend', '@rnnkit/optimizers', '@rnnkit/core-layers'],
  readme: 'packages/core-layers/README.md',
  expectStdout: [/^loss 0\.[3-7]\d\d -> 0\.[0-2]\d\d, val accuracy 0\.(8|9)\d$/m],
});
