#!/usr/bin/env node
// The benchmark in headless Chromium: rnnkit vs tfjs-layers on webgl and wasm, same models and loop as bench/run.mjs
// (bench/measure.mjs), served by Vite from the packages' sources. Writes results/browser-latest.{json,md}.
// Usage: node bench/browser/run-browser.mjs [--backends webgl,wasm] [--cells lstm,gru,simpleRNN] [--T 25]
//                                         [--units 64] [--seconds 1] [--smoke] [--out bench/results] [--hide-webgl]
// --hide-webgl makes WebGL unavailable to the page (getContext returns null): a check of the harness itself, whose
// run must then fail rather than measure whatever engine tfjs falls back to.
// With Debian's chromium the GPU is SwiftShader (software): those numbers check the harness, not speed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { markdownTable } from '../measure.mjs';

const { values: o } = parseArgs({
  options: {
    backends: { type: 'string', default: 'webgl,wasm' },
    cells: { type: 'string', default: 'lstm,gru,simpleRNN' },
    T: { type: 'string', default: '25' },
    units: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '1' },
    smoke: { type: 'boolean', default: false },
    'hide-webgl': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
});
const list = (s) => s.split(',').filter(Boolean);
const grid = o.smoke
  ? { backends: list(o.backends), cells: ['lstm', 'gru', 'simpleRNN'], T: [5], units: [4], seconds: 0.05, matMulSize: 64 }
  : { backends: list(o.backends), cells: list(o.cells), T: list(o.T).map(Number), units: list(o.units).map(Number), seconds: Number(o.seconds) };

const CHROMIUM = process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`bench/browser: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set RNNKIT_CHROMIUM)`);
  process.exit(2);
}
const root = fileURLToPath(new URL('.', import.meta.url));
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  resolve: { conditions: ['source', 'module', 'browser', 'import', 'default'] },
  // Pre-bundled up front so Vite does not re-optimise (and reload the page) when an adapter imports its engine.
  optimizeDeps: {
    include: [
      '@rnnkit/backend > @tensorflow/tfjs-core',
      '@rnnkit/backend > @tensorflow/tfjs-core/dist/register_all_gradients',
      '@rnnkit/backend > @tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops',
      '@rnnkit/backend > @tensorflow/tfjs-backend-cpu',
      '@rnnkit/backend-webgl > @tensorflow/tfjs-backend-webgl',
      '@rnnkit/backend-wasm > @tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-layers',
    ],
  },
});
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let exitCode = 0;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'log') console.log(`[page] ${m.text()}`); });
  if (o['hide-webgl']) {
    await page.addInitScript(() => {
      for (const C of [globalThis.HTMLCanvasElement, globalThis.OffscreenCanvas]) {
        if (!C) continue;
        const getContext = C.prototype.getContext;
        C.prototype.getContext = function (type, ...rest) {
          return /webgl/i.test(String(type)) ? null : getContext.call(this, type, ...rest);
        };
      }
    });
  }
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 120_000 }).catch((e) => {
    throw new Error(`the bench page did not load: ${errors.join('; ') || e.message}`);
  });
  const result = await page.evaluate((g) => window.runBench(g), grid);
  const meta = {
    date: new Date().toISOString(), browser: browser.version(), userAgent: result.userAgent, cores: result.hardwareConcurrency,
    tfjsCore: result.tfjsCore, renderer: result.kernelPaths.webgl?.renderer ?? null, kernelPaths: result.kernelPaths, smoke: o.smoke, batch: 32, features: 16, optimizer: 'adam (lr 1e-3)',
  };
  const renderer = meta.renderer;
  const md = [
    `Measured ${meta.date.slice(0, 10)} in headless Chromium ${meta.browser} (${meta.cores} cores), tfjs-core ${meta.tfjsCore}${renderer ? `, WebGL renderer: ${renderer}` : ''}; batch 32, 16 inputs, Adam, dense head, MSE.`,
    /swiftshader/i.test(renderer ?? '') ? 'WebGL here is SwiftShader (software rendering on the CPU): these webgl numbers check the harness, not GPU speed.' : '',
    '',
    markdownTable(result.rows),
  ].filter((l, i) => l !== '' || i === 2).join('\n');
  mkdirSync(o.out, { recursive: true });
  const name = o.smoke ? 'browser-smoke' : 'browser-latest';
  writeFileSync(join(o.out, `${name}.json`), JSON.stringify({ meta, rows: result.rows }, null, 2));
  writeFileSync(join(o.out, `${name}.md`), md + '\n');
  console.log('\n' + md);
} catch (e) {
  console.error(`bench/browser: ${e.message}`);
  exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
