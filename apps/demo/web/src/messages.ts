export interface TrainConfig {
  task: 'adding' | 'syllables';
  backend: 'webgl' | 'wasm' | 'cpu';
  cell: 'simpleRNN' | 'lstm' | 'gru';
  units: number;
  steps: number;
  samples: number;
  epochs: number;
  learningRate: number;
  clipnorm: number;
}

export type WorkerMessage =
  | { type: 'started'; backend: string; capabilities: Record<string, unknown> }
  | { type: 'batch'; loss: number; gradNorm?: number }
  | { type: 'epoch'; epoch: number; loss: number; flow: number[] }
  | { type: 'done'; losses: number[]; findings: { code: string; severity: string; title: string; message: string; fixes: string[] }[]; tries: { target: number; prediction: number }[]; stopped: boolean }
  | { type: 'lengths'; histogram: number[]; maxlen: number }
  | { type: 'word'; word: string; syllables: number; probability: number }
  | { type: 'error'; message: string };
