// Fix snippets in rnnkit's own API, shared by the checks so every report suggests the same code.
import type { Fix } from './findings.js';

export const FIX = {
  lowerLearningRate: (lr = 1e-3): Fix => ({
    description: 'Lower the learning rate and clip the gradient norm.',
    snippet: `model.compile({ optimizer: adam({ learningRate: ${lr}, clipnorm: 1 }), loss })`,
  }),
  clipGradients: (): Fix => ({
    description: 'Clip gradients (per weight, or globally across all weights).',
    snippet: 'adam({ learningRate: 1e-3, clipnorm: 1 })  // or adam({ learningRate: 1e-3, globalClipnorm: 1 })',
  }),
  raiseLearningRate: (lr: number): Fix => ({
    description: 'Raise the learning rate (Adam 1e-3 is a robust default), or use a schedule with warm-up.',
    snippet: `model.compile({ optimizer: adam({ learningRate: ${lr} }), loss })`,
  }),
  checkAbove: (): Fix => ({
    description: 'Fix the findings ranked above first; then try a learning-rate schedule or more units.',
    snippet: 'adam({ learningRate: 1e-3 })  // with a schedule: cosine decay with warm-up',
  }),
  gatedCell: (units = 64): Fix => ({
    description: 'Use a gated cell: LSTM or GRU keep gradients alive over many more steps than a tanh SimpleRNN.',
    snippet: `layers.lstm({ units: ${units} })  // instead of layers.simpleRNN({ units: ${units} }); or layers.gru({ units: ${units} })`,
  }),
  forgetBias: (units = 64): Fix => ({
    description: 'Keep the LSTM forget gate starting open (bias 1), so the state and its gradient survive many steps from the first epoch. It is the default of layers.lstm: check that the layer was not built with unitForgetBias: false or a bias initializer that replaces it.',
    snippet: `layers.lstm({ units: ${units}, unitForgetBias: true })`,
  }),
  truncatedBptt: (window: number): Fix => ({
    description: 'Train on windows no longer than the memory horizon (truncated backpropagation through time).',
    snippet: `const { samples } = slidingWindows(series, { window: ${window}, horizon: 1 })  // or split long sequences into chunks of ${window}`,
  }),
  masking: (): Fix => ({
    description: 'Mask the padding so the recurrent layer carries its state over padded steps.',
    snippet: 'layers.masking({ maskValue: 0, inputShape: [timeSteps, features] })  // first layer\n' +
      '// token inputs: layers.embedding({ inputDim, outputDim: 64, maskZero: true })',
  }),
  prePadding: (): Fix => ({
    description: 'Pad at the front, so the real steps are the last the layer sees.',
    snippet: "padSequences(seqs, { padding: 'pre' })",
  }),
  bucketing: (): Fix => ({
    description: 'Batch sequences of similar length together, so few steps are padding.',
    snippet: 'createPipeline({ source, sequence: true, bucket: { auto: true, numBuckets: 4, batchSize: 32 } })\n' +
      '// or bucketBySequenceLength(samples, { boundaries: [16, 32, 64], batchSizes: [64, 32, 16, 8] })',
  }),
  shuffle: (): Fix => ({
    description: 'Shuffle every epoch (a seeded full shuffle, or a buffer at least as large as the dataset for streams).',
    snippet: 'createPipeline({ source, shuffle: { seed: 42 }, batchSize: 32 })  // model.fit(x, y, { shuffle: true })',
  }),
  keepRemainder: (): Fix => ({
    description: 'Keep the last partial batch.',
    snippet: "createPipeline({ source, batchSize: 32, remainder: 'keep' })",
  }),
  scaleInputs: (): Fix => ({
    description: 'Standardise each feature (fit the statistics on the training split only).',
    snippet: 'const standardizer = fitStandardizer(trainSamples)  // [{ x, y }, ...]\n' +
      'createPipeline({ source, map: (s) => standardizer.transform(s), batchSize: 32 })',
  }),
  stratifiedSplit: (): Fix => ({
    description: 'Split after a seeded shuffle, stratified by label, instead of taking the tail as validation.',
    snippet: 'const { train, validation } = trainValidationSplit(samples, { validationFraction: 0.2, seed: 1, stratifyBy: (s) => s.y })\n' +
      'model.fit(xTrain, yTrain, { validationData: [xVal, yVal] })',
  }),
  raiseMaxlen: (maxlen: number): Fix => ({
    description: `Raise maxlen to cover most sequences (the 95th percentile is ${maxlen} steps), and bucket to keep padding low.`,
    snippet: `padSequences(seqs, { maxlen: ${maxlen}, padding: 'pre', truncating: 'pre' })`,
  }),
  earlyStopping: (): Fix => ({
    description: 'Stop at the best validation loss and restore those weights; add dropout or weight decay.',
    snippet: "callbacks: [earlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true })]\n" +
      'layers.lstm({ units: 64, dropout: 0.2, recurrentDropout: 0.2 })',
  }),
  terminateOnNaN: (): Fix => ({
    description: 'Stop at the first non-finite loss instead of training on NaN weights.',
    snippet: 'callbacks: [terminateOnNaN()]',
  }),
};
