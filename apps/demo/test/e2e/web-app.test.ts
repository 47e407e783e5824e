// End to end: builds the web app, serves it on localhost, and in headless Chromium trains a tiny model on webgl and
// on wasm: the backend really used, the loss falling, the diagnostics panel showing findings, a screenshot each.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const demo = join(import.meta.dirname, '..', '..');
const dist = join(demo, 'web', 'dist');
const artifacts = join(demo, 'test-artifacts');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

let server: Server;
let url = '';
let browser: Browser;

// In CI a missing browser fails this suite; elsewhere it is skipped, visibly.
const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

suite(`web app in Chromium${hasChromium ? '' : `: no Chromium at ${CHROMIUM}`}`, () => {
  beforeAll(async () => {
    if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}; install it (apt-get install -y chromium) or set RNNKIT_CHROMIUM`);
    await build({ configFile: join(demo, 'web', 'vite.config.ts'), logLevel: 'error' });
    server = createServer((req, res) => {
      const path = normalize(join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]))).replace(/\/$/, '/index.html');
      if (!path.startsWith(dist) || !existsSync(path) || statSync(path).isDirectory()) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      createReadStream(path).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/index.html`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  for (const backend of ['webgl', 'wasm'] as const) {
    it(`trains on ${backend}: that backend is used, the loss falls, the doctor reports findings`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(url);
        await page.selectOption('#backend', backend);
        await page.selectOption('#cell', 'simpleRNN');
        await page.fill('#steps', '80'); // long enough for a tanh SimpleRNN's gradient to vanish
        await page.fill('#samples', '128');
        await page.fill('#epochs', '4');
        await page.fill('#lr', '0.01');
        await page.click('#train');
        await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 120_000 });
        const state = await page.evaluate(() => ({
          state: document.body.dataset.state,
          status: document.getElementById('status')!.textContent,
          backend: document.getElementById('backend-used')!.textContent,
          first: Number(document.getElementById('summary')!.dataset.first),
          last: Number(document.getElementById('summary')!.dataset.last),
          findings: document.querySelectorAll('#findings li.finding').length,
          tries: document.querySelectorAll('#try tr').length,
          capabilities: document.getElementById('capabilities')!.textContent,
        }));
        await page.screenshot({ path: join(artifacts, `web-app-${backend}.png`), fullPage: true });
        expect(errors).toEqual([]);
        expect(state.state, state.status ?? '').toBe('done');
        expect(state.backend).toBe(backend);
        expect(state.last).toBeLessThan(state.first);
        expect(state.findings).toBeGreaterThan(0);
        expect(state.tries).toBe(6);
        expect(state.capabilities).toMatch(backend === 'webgl' ? /^\(WebGL \d, float32 textures (yes|no), (16|32)-bit floats, / : /SIMD (on|off), threads (on|off), fused kernels: lstm, gru, simpleRNN\)$/);
        if (backend === 'wasm') {
          // The syllables task: trains on CMUdict words, shows the length histogram, answers for a typed word.
          await page.selectOption('#task', 'syllables');
          await page.selectOption('#cell', 'gru');
          await page.fill('#steps', '16');
          await page.fill('#samples', '2000');
          await page.fill('#epochs', '3');
          await page.click('#train');
          await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 120_000 });
          const s = await page.evaluate(() => ({ first: Number(document.getElementById('summary')!.dataset.first), last: Number(document.getElementById('summary')!.dataset.last) }));
          expect(s.last).toBeLessThan(s.first);
          await page.fill('#word', 'banana');
          await page.click('#word-go');
          await page.waitForFunction(() => /^banana: \d syllable\(s\)/.test(document.getElementById('word-result')!.textContent ?? ''), undefined, { timeout: 30_000 });
          await page.screenshot({ path: join(artifacts, 'web-app-syllables.png'), fullPage: true });
          await page.selectOption('#task', 'adding');
          await page.selectOption('#cell', 'simpleRNN');
          await page.fill('#steps', '80');
          await page.fill('#samples', '128');
          await page.fill('#epochs', '4');
          await page.click('#train');
          await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 120_000 });
          // One click applies the suggested fix (an LSTM for vanishing gradients) and retrains.
          await page.click('#findings button.apply-fix');
          expect(await page.inputValue('#cell')).toBe('lstm');
          await page.waitForFunction(() => document.body.dataset.state === 'done' && document.getElementById('backend-used')!.textContent === 'wasm', undefined, { timeout: 120_000 });
          // Stop ends a long run early; the page stays responsive while the worker trains.
          await page.fill('#epochs', '500');
          await page.click('#train');
          await page.waitForFunction(() => (document.getElementById('status')!.textContent ?? '').startsWith('epoch'), undefined, { timeout: 60_000 });
          await page.click('#stop');
          await page.waitForFunction(() => document.body.dataset.state === 'done', undefined, { timeout: 60_000 });
          expect(await page.textContent('#status')).toBe('stopped');
        }
      } finally {
        await page.close();
      }
    }, 180_000);
  }
});
