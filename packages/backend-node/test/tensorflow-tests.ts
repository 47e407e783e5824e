// What the tensorflow tests share: when they run, and how a fixture runs in a Node process of its own.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeAdapter } from '../src/index.js';
import { CONTRACTION_VARIABLE } from '../src/eigen-contraction.js';

export const tensorflowAvailability = await nodeAdapter.isAvailable();
// In CI these tests must run, never skip (a tfjs-node that does not load fails them); .ci/run sets
// RNNKIT_NO_TFJS_NODE_WHEEL=1 only when no TensorFlow wheel exists to build tfjs-node from.
export const tensorflowMustRun = process.env.CI === 'true' && process.env.RNNKIT_NO_TFJS_NODE_WHEEL !== '1';
const runs = tensorflowAvailability.available || tensorflowMustRun;
export const itIfTensorflow: typeof it.skip = runs ? it : it.skip;
export const describeIfTensorflow: typeof describe.skip = runs ? describe : describe.skip;

/**
 * Runs a fixture script in a fresh Node process (with `nodeArgs` before it) and returns the JSON of its last output
 * line, after requiring a clean exit. The child's environment is this one without TensorFlow's contraction-kernel
 * variable (the adapter's own choice is under test), with TensorFlow's INFO logs off, plus `env`.
 */
export function runFixture(script: string, args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Record<string, unknown> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };
  delete childEnv[CONTRACTION_VARIABLE];
  const run = spawnSync(process.execPath, [...nodeArgs, script, ...args], { encoding: 'utf8', env: { ...childEnv, ...env }, timeout: 120_000 });
  expect({ status: run.status, signal: run.signal, stderr: run.status === 0 ? '' : run.stderr.slice(-500) }).toEqual({ status: 0, signal: null, stderr: '' });
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}
