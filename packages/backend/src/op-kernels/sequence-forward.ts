import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';

/**
 * An inference pass of the same call (the layer's values, no gradient) that an op sequence may use for its forward
 * pass: the backward passes need only every step's h, from which the rest follows in whole-sequence ops. Returns
 * undefined for a call it does not take (the per-step ops run).
 */
export type SequenceForward = (args: RnnSequenceArgs) => RnnSequenceResult | undefined;
