import { describe, expect, it } from 'vitest';
import { Tokenizer, createTokenizer } from './tokenizer.js';

describe('Tokenizer (Keras semantics)', () => {
  const texts = ['The cat sat.', 'The dog sat!', 'the cat ran'];

  it('ranks words by frequency, ties by first appearance; index 0 is padding; OOV is 1', () => {
    const t = createTokenizer().fitOnTexts(texts);
    expect([...t.wordIndex]).toEqual([['<OOV>', 1], ['the', 2], ['cat', 3], ['sat', 4], ['dog', 5], ['ran', 6]]);
    expect(t.textsToSequences(['the bird sat'])).toEqual([[2, 1, 4]]);
    expect(t.vocabularySize).toBe(7);
  });

  it('Keras num_words: only indices < numWords; the rest map to OOV and are counted', () => {
    const t = createTokenizer({ numWords: 4 }).fitOnTexts(texts);
    expect(t.textsToSequencesWithReport(['the dog ran cat'])).toEqual({ sequences: [[2, 1, 1, 3]], oov: 2, dropped: 0 });
    expect(t.vocabularySize).toBe(4);
  });

  it('without an OOV token, unknown words are dropped as in Keras, and counted', () => {
    const t = createTokenizer({ oovToken: null }).fitOnTexts(texts);
    expect([...t.wordIndex.keys()]).toEqual(['the', 'cat', 'sat', 'dog', 'ran']);
    expect(t.textsToSequencesWithReport(['a cat'])).toEqual({ sequences: [[2]], oov: 0, dropped: 1 });
  });

  it('char level keeps every character (no filters), lower-cased', () => {
    const t = createTokenizer({ level: 'char', oovToken: null }).fitOnTexts(['abA!']);
    expect([...t.wordIndex]).toEqual([['a', 1], ['b', 2], ['!', 3]]);
    expect(t.textsToSequences(['ba'])).toEqual([[2, 1]]);
    expect(t.sequencesToTexts([[0, 2, 1]])).toEqual(['ba']);
  });

  it('saves and loads its vocabulary', () => {
    const t = createTokenizer({ numWords: 5 }).fitOnTexts(texts);
    const back = Tokenizer.fromJSON(JSON.stringify(t.toJSON()));
    expect([...back.wordIndex]).toEqual([...t.wordIndex]);
    expect(back.textsToSequences(texts)).toEqual(t.textsToSequences(texts));
    expect(() => Tokenizer.fromJSON({} as never)).toThrow("Tokenizer.fromJSON: 'json' must be a saved vocabulary with format 'rnnkit-tokenizer@1', got undefined");
  });

  it('rejects bad config and non-string texts', () => {
    expect(() => createTokenizer({ numWords: 1 })).toThrow("createTokenizer: 'numWords' must be an integer > 1 (index 0 is padding), got 1");
    expect(() => createTokenizer().fitOnTexts(['a', 3 as never])).toThrow("Tokenizer.fitOnTexts: 'texts[1]' must be a string, got number");
  });
});
