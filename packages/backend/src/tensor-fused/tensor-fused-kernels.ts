// Whole-sequence recurrent kernels built from whole-tensor ops, for engines where every op is a dispatch and a
// read back to the CPU stalls (WebGL): one custom gradient per sequence, one recurrent matMul and one gate
// operation per step, weight gradients as large matMuls. The gate operations are pluggable: tfjs ops by default
// (any backend), shader programs from the webgl adapter.
import { referenceRnnSequence } from '../recurrent/reference-sequence.js';
import type { RecurrentKernel, RecurrentKernelSet, RnnSequenceArgs } from '../recurrent/types.js';
import type { GateOps } from './gate-ops.js';
import { gruResetBeforeSequence } from './gru-reset-before-sequence.js';
import { gruSequence } from './gru-sequence.js';
import { lstmSequence } from './lstm-sequence.js';
import { gateActivations } from './sequence-io.js';
import { simpleRnnSequence } from './simple-rnn-sequence.js';
import { tfjsGateOps } from './tfjs-gate-ops.js';

/** Whether `gateOps` computes these arguments' activations (else tensorFusedKernels runs the reference). */
export function tensorFusedSupports(args: RnnSequenceArgs, gateOps: GateOps = tfjsGateOps): boolean {
  return gateOps.supports(gateActivations(args));
}

/**
 * The tensor-level fused kernels for every cell, on `gateOps` (default: tfjs ops). Arguments whose activations
 * `gateOps` does not support run `referenceRnnSequence`.
 */
export function tensorFusedKernels(gateOps: GateOps = tfjsGateOps): RecurrentKernelSet {
  const guarded = (run: (ops: GateOps, args: RnnSequenceArgs) => ReturnType<RecurrentKernel>): RecurrentKernel =>
    (args) => (tensorFusedSupports(args, gateOps) ? run(gateOps, args) : referenceRnnSequence(args));
  return {
    simpleRNN: guarded(simpleRnnSequence),
    lstm: guarded(lstmSequence),
    gru: guarded((ops, args) => ((args.resetAfter ?? true) ? gruSequence(ops, args) : gruResetBeforeSequence(ops, args))),
  };
}
