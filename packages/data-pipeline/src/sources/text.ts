// Samples from plain text lines with the user's own parser (e.g. tokenising each line). Blank lines are not samples.
import { DataPipelineError, InvalidArgumentError, SampleError } from '../errors.js';
import type { RawSample } from '../types.js';
import { openChunks, splitLines, type LineInput } from './lines.js';
import type { StreamSource } from './source.js';

const FN = 'textLineSource';

export function textLineSource(input: LineInput, toSample: (text: string, line: number) => RawSample): StreamSource {
  if (typeof toSample !== 'function') throw new InvalidArgumentError(FN, 'toSample', 'a function (text, line) => sample', typeof toSample);
  const open = openChunks(FN, input);
  return {
    kind: 'stream',
    description: typeof input === 'string' ? `text file ${input}` : 'text stream',
    async *open() {
      let ordinal = 0;
      for await (const { text, line } of splitLines(open())) {
        if (text.trim() === '') continue;
        const id = ordinal++;
        let s: RawSample;
        try {
          s = toSample(text, line);
        } catch (e) {
          if (e instanceof DataPipelineError) throw e;
          throw new SampleError(FN, id, line, `toSample threw: ${(e as Error)?.message ?? String(e)}`);
        }
        if (!s || typeof s !== 'object' || !('x' in s)) throw new SampleError(FN, id, line, 'toSample must return a sample { x, y? }');
        yield { id, line, ...s };
      }
    },
  };
}
