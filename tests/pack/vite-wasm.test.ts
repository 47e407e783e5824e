// @rnnkit/backend-wasm installed from its tarball into a Vite app finds its wasm binary with no setWasmPaths and no
// Vite config, both under the dev server (which pre-bundles dependencies) and in a production build.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, env, install, packAll } from './tarballs.js';

const CHROMIUM = process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const EXPECTED = { backend: 'wasm', binary: 'tfjs-backend-wasm-simd.wasm', product: [[19, 22], [43, 50]] };

let app = '';
let browser: Browser;
const servers: ChildProcess[] = [];

function vite(args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), ...args], { cwd: app, env, encoding: 'utf8', timeout: 180_000 });
}

/** Starts `vite <args>` and resolves with the local URL it prints. */
function serve(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), ...args, '--host', '127.0.0.1'], { cwd: app, env });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`vite ${args.join(' ')} printed no URL in 60 s:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vite ${args.join(' ')} exited with ${code}:\n${log}`)));
  });
}

async function resultAt(url: string): Promise<unknown> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, { timeout: 90_000 });
    return await page.evaluate(() => (window as unknown as { __result: unknown }).__result);
  } finally {
    await page.close();
  }
}

// In CI a missing browser fails this suite; elsewhere (a machine with only Node and npm) it is skipped, visibly.
const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

suite(`@rnnkit/backend-wasm under Vite (installed from tarballs)${hasChromium ? '' : `: no Chromium at ${CHROMIUM}`}`, () => {
  beforeAll(async () => {
    if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}; install it (apt-get install -y chromium) or set RNNKIT_CHROMIUM`);
    packAll(['@rnnkit/backend', '@rnnkit/backend-wasm']);
    app = install(['@rnnkit/backend', '@rnnkit/backend-wasm'], ['vite@7.3.8']);
    cpSync(join(import.meta.dirname, 'vite-app'), app, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.kill();
    cleanUp();
  });

  it('vite build emits the binary as a JS chunk, and the built page runs wasm', async () => {
    const build = vite(['build', '--logLevel', 'warn']);
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(await resultAt(await serve(['preview', '--port', '4301']))).toEqual(EXPECTED);
  });

  it('the dev server (dependency pre-bundling) serves it too', async () => {
    expect(await resultAt(await serve(['--port', '4302']))).toEqual(EXPECTED);
  });
});
