// No tensor is left behind by a step: after the first step (which creates the state), the count stays flat,
// and disposing the optimizer frees exactly its state.
import { tf } from '@rnnkit/backend';
import { expect, it } from 'vitest';
import { lossOf, makeVariables } from '../test/harness.js';
import { problem } from '../test/reference.js';
import { getOptimizer } from './get-optimizer.js';
import type { RnnkitOptimizer } from './base-optimizer.js';

const SLOTS: Record<string, number> = { sgd: 0, adam: 2, adamw: 2, nadam: 2, rmsprop: 1, adagrad: 1, adadelta: 2, adamax: 2 };

for (const name of Object.keys(SLOTS)) {
  it(`${name}: flat tensor count per step (with clipping), state freed by dispose`, () => {
    const p = problem();
    const vars = makeVariables(p);
    const start = tf.memory().numTensors;
    const opt = getOptimizer({ className: name, config: { globalClipnorm: 0.5 } }) as RnnkitOptimizer;
    opt.minimize(() => lossOf(p, vars), false, vars);
    const afterFirst = tf.memory().numTensors;
    expect(afterFirst - start).toBe(SLOTS[name]! * vars.length);
    for (let s = 0; s < 5; s++) opt.minimize(() => lossOf(p, vars), false, vars);
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(opt.lastClipReport!.clipCount).toBeGreaterThan(0);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose(vars);
  });
}
