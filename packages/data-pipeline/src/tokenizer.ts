// A Keras-style Tokenizer (word or char level): index 0 is padding, the OOV token (when set) is index 1, other
// tokens are ranked by frequency (ties by first appearance). Unlike Keras, the OOV token is on by default, so
// unknown words are never dropped silently; with oovToken: null, drops are counted in the report.
import { InvalidArgumentError } from './errors.js';

export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

export interface TokenizerConfig {
  level?: 'word' | 'char';
  /** Keep the numWords - 1 most frequent tokens (indices < numWords), as Keras' num_words. */
  numWords?: number;
  /** Default '<OOV>'; null drops unknown tokens (counted in the report). */
  oovToken?: string | null;
  /** Default true. */
  lower?: boolean;
  /** Characters removed before splitting words. Default Keras' filters. Not applied at char level. */
  filters?: string;
  /** Word separator. Default ' '. */
  split?: string;
}

export interface TokenizerJSON {
  format: 'rnnkit-tokenizer@1';
  config: Required<Omit<TokenizerConfig, 'numWords'>> & { numWords: number | null };
  /** Tokens in index order: vocabulary[0] has index 1. */
  vocabulary: string[];
  counts: number[];
}

export interface SequencesReport {
  sequences: number[][];
  /** Tokens mapped to the OOV index. */
  oov: number;
  /** Tokens dropped (only when oovToken is null). */
  dropped: number;
}

export class Tokenizer {
  readonly config: TokenizerJSON['config'];
  private readonly counts = new Map<string, number>();
  private index = new Map<string, number>();
  private vocab: string[] = [];

  constructor(config: TokenizerConfig = {}) {
    const fn = 'createTokenizer';
    const level = config.level ?? 'word';
    if (level !== 'word' && level !== 'char') throw new InvalidArgumentError(fn, 'level', "'word' or 'char'", String(level));
    if (config.numWords !== undefined && !(Number.isInteger(config.numWords) && config.numWords > 1)) {
      throw new InvalidArgumentError(fn, 'numWords', 'an integer > 1 (index 0 is padding)', String(config.numWords));
    }
    this.config = {
      level, numWords: config.numWords ?? null, oovToken: config.oovToken === undefined ? '<OOV>' : config.oovToken,
      lower: config.lower ?? true, filters: config.filters ?? KERAS_FILTERS, split: config.split ?? ' ',
    };
  }

  /** The tokens of one text, after lower-casing and filtering. */
  tokenize(text: string): string[] {
    if (typeof text !== 'string') throw new InvalidArgumentError('Tokenizer.tokenize', 'text', 'a string', typeof text);
    const c = this.config;
    const t = c.lower ? text.toLowerCase() : text;
    if (c.level === 'char') return Array.from(t);
    let s = t;
    for (const ch of c.filters) s = s.split(ch).join(c.split);
    return s.split(c.split).filter((w) => w.length > 0);
  }

  /** Counts tokens and rebuilds the index (can be called again with more texts). */
  fitOnTexts(texts: readonly string[]): this {
    texts.forEach((text, i) => {
      if (typeof text !== 'string') throw new InvalidArgumentError('Tokenizer.fitOnTexts', `texts[${i}]`, 'a string', typeof text);
      for (const tok of this.tokenize(text)) this.counts.set(tok, (this.counts.get(tok) ?? 0) + 1);
    });
    const ranked = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w); // stable: ties keep first-seen order
    const oov = this.config.oovToken;
    this.vocab = oov !== null ? [oov, ...ranked.filter((w) => w !== oov)] : ranked;
    this.index = new Map(this.vocab.map((w, i) => [w, i + 1]));
    return this;
  }

  /** Token -> index (1-based), over the whole fitted vocabulary (numWords limits only the sequences). */
  get wordIndex(): ReadonlyMap<string, number> {
    return this.index;
  }

  /** Largest index textsToSequences can emit, plus one (the embedding's inputDim). */
  get vocabularySize(): number {
    const n = this.vocab.length + 1;
    return this.config.numWords === null ? n : Math.min(n, this.config.numWords);
  }

  textsToSequences(texts: readonly string[]): number[][] {
    return this.textsToSequencesWithReport(texts).sequences;
  }

  textsToSequencesWithReport(texts: readonly string[]): SequencesReport {
    const { numWords, oovToken } = this.config;
    const oovIndex = oovToken !== null ? this.index.get(oovToken) : undefined;
    let oov = 0;
    let dropped = 0;
    const sequences = texts.map((text) => {
      const out: number[] = [];
      for (const tok of this.tokenize(text)) {
        const i = this.index.get(tok);
        const known = i !== undefined && (numWords === null || i < numWords);
        if (known) out.push(i);
        else if (oovIndex !== undefined) {
          out.push(oovIndex);
          oov++;
        } else dropped++;
      }
      return out;
    });
    return { sequences, oov, dropped };
  }

  sequencesToTexts(sequences: readonly (readonly number[])[]): string[] {
    const sep = this.config.level === 'char' ? '' : ' ';
    return sequences.map((s) => s.filter((i) => i > 0).map((i) => this.vocab[i - 1] ?? this.config.oovToken ?? '').join(sep));
  }

  toJSON(): TokenizerJSON {
    return { format: 'rnnkit-tokenizer@1', config: { ...this.config }, vocabulary: [...this.vocab], counts: this.vocab.map((w) => this.counts.get(w) ?? 0) };
  }

  static fromJSON(json: TokenizerJSON | string): Tokenizer {
    const j = (typeof json === 'string' ? JSON.parse(json) : json) as TokenizerJSON;
    if (!j || j.format !== 'rnnkit-tokenizer@1' || !Array.isArray(j.vocabulary)) {
      throw new InvalidArgumentError('Tokenizer.fromJSON', 'json', "a saved vocabulary with format 'rnnkit-tokenizer@1'", String(j?.format));
    }
    const t = new Tokenizer({ ...j.config, numWords: j.config.numWords ?? undefined });
    j.vocabulary.forEach((w, i) => t.counts.set(w, j.counts?.[i] ?? 0));
    t.vocab = [...j.vocabulary];
    t.index = new Map(t.vocab.map((w, i) => [w, i + 1]));
    return t;
  }
}

export function createTokenizer(config: TokenizerConfig = {}): Tokenizer {
  return new Tokenizer(config);
}
