import { defineConfig } from 'vite';

// The demo's web app: `pnpm --filter @rnnkit/demo build:web` writes web/dist.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// csv-parse's package entry needs Node streams; its dist/esm build is the self-contained browser one.
const require = createRequire(new URL('../../../packages/data-pipeline/package.json', import.meta.url));
// Walk up from whichever entry resolves to the package folder; its browser ESM build is dist/esm/index.js.
let csvDir = dirname(require.resolve('csv-parse'));
while (!existsSync(join(csvDir, 'package.json'))) csvDir = dirname(csvDir);
const csvParse = join(csvDir, 'dist', 'esm', 'index.js');

export default defineConfig({
  resolve: { alias: [{ find: /^csv-parse$/, replacement: csvParse }] },
  root: new URL('.', import.meta.url).pathname,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
