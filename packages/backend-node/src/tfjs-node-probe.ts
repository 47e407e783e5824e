import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Availability } from '@rnnkit/backend';

export const TFJS_NODE = '@tensorflow/tfjs-node';
export const TFJS_NODE_VERSION = '4.22.0';
export const INSTALL_COMMAND = `npm i ${TFJS_NODE}@${TFJS_NODE_VERSION}`;

// Resolved from this package's location: tfjs-node is its (optional) peer, installed beside it.
const require = createRequire(import.meta.url);

/** The absolute path of tfjs-node's entry, or null when it is not installed. */
export function resolveTfjsNode(): string | null {
  try {
    return require.resolve(TFJS_NODE);
  } catch {
    return null;
  }
}

/** Loads tfjs-node in this process. It registers the 'tensorflow' backend and makes it tfjs' global backend. */
export function loadTfjsNode(entry: string): { version: Record<string, string>; backend(): unknown } {
  // libtensorflow logs INFO lines to stderr on load unless told otherwise; keep a user's own setting.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  return require(entry);
}

// tfjs-node switches tfjs' global backend when loaded, and a broken native addon can crash the process, so whether
// it loads is checked in a child process. Once per process: the answer does not change while it runs.
let probe: Promise<Availability> | null = null;

export function probeTfjsNode(): Promise<Availability> {
  probe ??= probeTfjsNodeAt(resolveTfjsNode());
  return probe;
}

/** Whether the tfjs-node entry at `entry` loads and provides the 'tensorflow' backend, checked in a child process. */
export function probeTfjsNodeAt(entry: string | null): Promise<Availability> {
  if (!entry) {
    return Promise.resolve({ available: false, reason: `${TFJS_NODE} is not installed: ${INSTALL_COMMAND}` });
  }
  const script = `const tf = require(${JSON.stringify(entry)}); process.exit(tf.getBackend() === 'tensorflow' ? 0 : 3);`;
  return new Promise((resolve) => {
    const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: process.env.TF_CPP_MIN_LOG_LEVEL ?? '2' };
    execFile(process.execPath, ['-e', script], { env, timeout: 60_000, maxBuffer: 4 << 20 }, (error, _stdout, stderr) => {
      if (!error) return resolve({ available: true });
      const why = (firstErrorLine(String(stderr)) ?? (error.killed ? 'timed out after 60 s' : `exit code ${error.code}`)).replace(/\.$/, '');
      resolve({
        available: false,
        reason: `${TFJS_NODE} is installed (${entry}) but does not load: ${why}. ` +
          `Its install script downloads libtensorflow; reinstall with network access: ${INSTALL_COMMAND} --foreground-scripts`,
      });
    });
  });
}

function firstErrorLine(stderr: string): string | undefined {
  // Node prints the throwing source line and a caret before "Error: ..."; the message line is the useful one.
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /^[\w.]*Error( \[\w+\])?: /.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0];
  return line?.slice(0, 300);
}
