import { ACTIVATION_NAMES } from '../recurrent/activations.js';
import type { CaseOptions } from './cases.js';

// Small shapes: the suite has to run in well under a minute on the cpu backend and in a browser.
const small = { batch: 2, time: 4, features: 3, units: 3 };

/** Value cases: every cell with and without mask, goBackwards, returnSequences, dropout, resetAfter both ways. */
export const VALUE_CASES: Array<[string, CaseOptions]> = [];
for (const [label, cell, extra] of [
  ['simpleRNN', 'simpleRNN', {}],
  ['lstm', 'lstm', {}],
  ['gru resetAfter=true', 'gru', { resetAfter: true }],
  ['gru resetAfter=false', 'gru', { resetAfter: false }],
] as const) {
  VALUE_CASES.push(
    [`${label}`, { ...small, cell, ...extra, seed: 101 }],
    [`${label}, returnSequences`, { ...small, cell, ...extra, returnSequences: true, seed: 102 }],
    [`${label}, mask with holes, returnSequences`, { ...small, cell, ...extra, mask: 'holes', returnSequences: true, seed: 103 }],
    [`${label}, goBackwards, right-padded mask`, { ...small, cell, ...extra, mask: 'right', goBackwards: true, seed: 104 }],
    [`${label}, goBackwards, returnSequences, zeroOutputForMask=false`, { ...small, cell, ...extra, mask: 'holes', goBackwards: true, returnSequences: true, zeroOutputForMask: false, seed: 105 }],
    [`${label}, dropout masks, no bias`, { ...small, cell, ...extra, dropout: true, bias: false, returnSequences: true, seed: 106 }],
  );
}
VALUE_CASES.push(
  ['lstm, hardSigmoid gates and relu', { ...small, cell: 'lstm', recurrentActivation: 'hardSigmoid', activation: 'relu', returnSequences: true, seed: 107 }],
  ['gru, batch 1, time 1', { cell: 'gru', batch: 1, time: 1, features: 2, units: 2, seed: 108 }],
);

// Every activation, as the output activation of a GRU and as its gate activation, so a fast kernel that only knows
// tanh/sigmoid must still give the right answer (or hand such calls to the reference).
for (const name of ACTIVATION_NAMES) {
  VALUE_CASES.push([`gru, activation ${name}, recurrentActivation ${name}`, { cell: 'gru', batch: 2, time: 3, features: 2, units: 2, activation: name, recurrentActivation: name, returnSequences: true, seed: 300 }]);
}

/** Gradient cases: one per cell variant, with a mask, goBackwards and sequences so every path is differentiated. */
export const GRADIENT_CASES: Array<[string, CaseOptions]> = [
  ['simpleRNN', { cell: 'simpleRNN', batch: 2, time: 3, features: 2, units: 2, mask: 'holes', returnSequences: true, seed: 201 }],
  ['lstm', { cell: 'lstm', batch: 2, time: 3, features: 2, units: 2, mask: 'holes', goBackwards: true, returnSequences: true, seed: 202 }],
  ['lstm, last output, dropout', { cell: 'lstm', batch: 2, time: 3, features: 2, units: 2, mask: 'right', dropout: true, seed: 203 }],
  ['gru resetAfter=true', { cell: 'gru', batch: 2, time: 3, features: 2, units: 2, mask: 'right', goBackwards: true, seed: 204 }],
  ['gru resetAfter=false', { cell: 'gru', resetAfter: false, batch: 2, time: 3, features: 2, units: 2, mask: 'holes', returnSequences: true, seed: 205 }],
];
