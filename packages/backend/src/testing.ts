// @rnnkit/backend/testing: the conformance suite every backend adapter runs, and the plain-JavaScript Float64
// reference it is measured against. Needs vitest (an optional peer dependency); not part of the main entry.
export { describeBackendConformance } from './testing/conformance.js';
export type { ConformanceOptions, ConformanceTolerance } from './testing/conformance.js';
export { plainRnnSequence } from './testing/plain-rnn.js';
export type { Matrix, PlainRnnArgs, PlainRnnResult } from './testing/plain-rnn.js';
export { PLAIN_ACTIVATIONS, erf } from './testing/plain-activations.js';
export { disposeArgs, makeCase, maxAbsDiff, seededRandom, toTensorArgs } from './testing/cases.js';
export type { CaseOptions } from './testing/cases.js';
export {
  autodiffGradients,
  backendNumericGradients,
  gradientParams,
  lossWeightsFor,
  plainNumericGradients,
  relativeError,
} from './testing/gradients.js';
export type { LossWeights, Nested } from './testing/gradients.js';
export { compareWithReference, SEQUENCE_KERNEL_VARIANTS, sequenceKernelCases } from './testing/kernel-comparison.js';
export { expectMatMulProviderMatchesTripleLoop, tripleLoopMatMul } from './testing/matmul-provider-check.js';
export type { KernelComparison } from './testing/kernel-comparison.js';
