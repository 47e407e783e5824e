#!/usr/bin/env node
// rnnkit-demo: trains a real recurrent model on shipped data, shows the backend in use, the diagnostics report,
// the epoch coverage, and with --compare the seed article's cures side by side.
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { useBackend } from '@rnnkit/backend';
import '@rnnkit/backend-wasm';
import '@rnnkit/backend-node';
import { comparisonTable, cured, uncured } from './compare.js';
import { runAdding } from './run-adding.js';
import type { RunOptions, RunResult } from './run-options.js';
import { runSpam } from './run-spam.js';
import { runSyllables } from './run-syllables.js';
import { runShowcase } from './showcase.js';

// The demo package's own out/ (gitignored) wherever the CLI starts: `npm run demo` runs it inside apps/demo.
const DEFAULT_OUT = fileURLToPath(new URL('../out', import.meta.url));

const program = new Command('rnnkit-demo')
  .description('Train a recurrent model with rnnkit on real data, on the backend you pick, and see why it learns or not.')
  .addOption(new Option('--task <task>', 'spam (SpamAssassin mail), syllables (CMUdict words, character level) or adding (long memory)').choices(['spam', 'syllables', 'adding']).default('spam'))
  .addOption(new Option('--cell <cell>', 'recurrent cell').choices(['simpleRNN', 'lstm', 'gru']).default('lstm'))
  .option('--bidirectional', 'wrap the recurrent layer in bidirectional', false)
  .option('--units <n>', 'recurrent units', Number, 32)
  .option('--epochs <n>', 'epochs', Number)
  .option('--batch-size <n>', 'batch size', Number, 32)
  .option('--maxlen <n>', 'steps kept per sequence (adding: sequence length)', Number)
  .addOption(new Option('--padding <side>', 'pad before or after').choices(['pre', 'post']).default('pre'))
  .addOption(new Option('--truncating <side>', 'cut from the start or the end').choices(['pre', 'post']).default('post'))
  .option('--no-bucketing', 'pad every batch to maxlen instead of bucketing by length')
  .option('--no-mask', 'do not mask padded steps')
  .addOption(new Option('--optimizer <name>', 'optimizer').choices(['adam', 'sgd', 'rmsprop']).default('adam'))
  .option('--learning-rate <lr>', 'learning rate (default: spam 0.005, adding 0.01)', Number)
  .option('--clipnorm <c>', 'clip each gradient to this norm (0: off)', Number, 1)
  .addOption(new Option('--backend <name>', 'backend').choices(['auto', 'cpu', 'wasm', 'tensorflow']).default('auto'))
  .option('--seed <n>', 'random seed', Number, 1)
  .option('--samples <n>', 'training subset size (spam: messages; adding: sequences)', Number)
  .option('--full', 'train on the whole corpus', false)
  .option('--out <dir>', 'output folder (default: out/ in the demo package)')
  .option('--compare', 'run without and with the seed article\'s cures, side by side', false)
  .option('--no-progress', 'no progress bar')
  .option('--backends', 'only show the backends and their timings');

async function main(): Promise<void> {
  const a = program.parse(process.argv).opts();
  if (a.backends) return runShowcase();
  const choice = await useBackend(a.backend, { log: (m: string) => console.log(m) });
  const spam = a.task === 'spam';
  const syllables = a.task === 'syllables';
  const o: RunOptions = {
    task: a.task, cell: a.cell, bidirectional: a.bidirectional, units: a.units,
    epochs: a.epochs ?? (spam ? 3 : syllables ? 4 : 30), batchSize: a.batchSize, maxlen: a.maxlen ?? (spam ? 120 : syllables ? 20 : 30),
    padding: a.padding, truncating: a.truncating, bucketing: a.bucketing, mask: a.mask, optimizer: a.optimizer,
    learningRate: a.learningRate ?? (spam ? 0.005 : 0.01), clipnorm: a.clipnorm, seed: a.seed,
    samples: a.full ? Number.POSITIVE_INFINITY : (a.samples ?? (spam ? 1500 : syllables ? 8000 : 2000)), out: a.out ?? DEFAULT_OUT,
    log: (l) => console.log(l), progress: a.progress,
  };
  console.log(`backend: ${choice.name} (${choice.reason})`);
  const run = (opts: RunOptions, label: string): Promise<RunResult> => (spam ? runSpam(opts, label) : syllables ? runSyllables(opts, label) : runAdding(opts, label));
  if (!a.compare) {
    await run(o, o.task);
    return;
  }
  const before = await run(uncured(o), `${o.task}-without-cures`);
  const after = await run(cured(o), `${o.task}-with-cures`);
  console.log(`\n${comparisonTable(before, after)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
