export type Cell = 'simpleRNN' | 'lstm' | 'gru';

export interface RunOptions {
  task: 'spam' | 'syllables' | 'adding';
  cell: Cell;
  bidirectional: boolean;
  units: number;
  epochs: number;
  batchSize: number;
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
  bucketing: boolean;
  mask: boolean;
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  clipnorm: number;
  seed: number;
  samples: number;
  out: string;
  /** Prints one line; the progress bar writes to the terminal directly. */
  log: (line: string) => void;
  progress: boolean;
}

export interface RunResult {
  label: string;
  backend: string;
  metricName: string;
  testMetric: number;
  baselineMetric: number;
  /** true when higher is better (accuracy), false for errors (mse). */
  higherIsBetter: boolean;
  finalLoss: number;
  seconds: number;
  samplesPerSecond: number;
  findings: { code: string; severity: string; title: string }[];
  files: string[];
}
