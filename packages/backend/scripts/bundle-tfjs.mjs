// Post-build step: tfjs-core's ESM side-effect entries (all gradients, chained ops) use extensionless
// imports that plain Node cannot load. Bundle them into dist/tfjs.js, keeping tfjs-core itself and the
// cpu backend external so the one global tfjs-core engine is shared with every adapter.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/tfjs.js'],
  outfile: 'dist/tfjs.js',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  sourcemap: false,
  logLevel: 'warning',
  plugins: [{
    name: 'tfjs-core-external',
    setup(b) {
      b.onResolve({ filter: /^@tensorflow\/tfjs-(core|backend-cpu)$/ }, (a) => ({ path: a.path, external: true }));
    },
  }],
  mainFields: ['module', 'main'],
});
