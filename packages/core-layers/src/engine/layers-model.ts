// What every model shares: weights of its layers, compile/fit/evaluate/predict/trainOnBatch, save. Sequential and
// the functional Model differ only in how they connect layers (forward) and describe their inputs.
import { tf } from '@rnnkit/backend';
import { LayerError } from '../errors.js';
import { compileModel, type CompileArgs, type CompiledModel } from '../training/compile.js';
import { evaluateModel, fitDatasetModel, fitModel, predictModel, type EpochDataset, type FitConfig, type TensorOrList, type TfjsLikeDataset } from '../training/fit.js';
import { trainOnBatchModel, type TrainOnBatchConfig } from '../training/train-on-batch.js';
import type { EvaluateConfig } from '../training/evaluate.js';
import type { ModelTarget } from '../io/handlers.js';
import { saveModel } from '../io/save-model.js';
import type { ForwardOptions, ModelCore } from './contracts.js';
import type { Layer } from './layer.js';
import type { LayerWeight } from './layer-weight.js';
import { summaryArguments, summaryText, type SummaryPrint } from './model-summary.js';

export abstract class LayersModel implements ModelCore {
  abstract readonly name: string;
  abstract readonly layers: Layer[];
  abstract readonly inputShapes: (number | null)[][];
  abstract readonly inputNames: string[];
  abstract readonly outputNames: string[];
  abstract forward(inputs: tf.Tensor[], options: ForwardOptions): tf.Tensor[];
  abstract toTopologyJSON(): Record<string, unknown>;
  stopTraining = false;
  private compiled?: CompiledModel;

  get weights(): LayerWeight[] {
    return this.layers.flatMap((l) => l.weights);
  }
  get trainableWeights(): LayerWeight[] {
    return this.layers.flatMap((l) => l.trainableWeights);
  }
  get optimizer(): tf.Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /** What compile() was given (saveModel writes it as the training config with includeOptimizer). */
  get compileArgs(): CompileArgs | undefined {
    return this.compiled?.args;
  }

  /** What compile() was given, by name (for saving with the optimizer); undefined before compile. */
  get compiledNames(): { loss: string; metrics: string[] } | undefined {
    return this.compiled && { loss: this.compiled.loss.name, metrics: this.compiled.metrics.map((m) => m.name) };
  }

  regularizationLosses(): tf.Scalar[] {
    return this.layers.flatMap((l) => l.regularizationLosses());
  }

  getWeights(): tf.Tensor[] {
    return this.layers.flatMap((l) => l.getWeights());
  }

  setWeights(values: tf.Tensor[]): void {
    const total = this.weights.length;
    if (values.length !== total) throw new LayerError(`${this.name}.setWeights: expected ${total} arrays, got ${values.length}`);
    let i = 0;
    for (const l of this.layers) {
      const n = l.weights.length;
      l.setWeights(values.slice(i, i + n));
      i += n;
    }
  }

  resetStates(): void {
    for (const l of this.layers) l.resetStates();
  }

  countParams(): number {
    return this.layers.reduce((a, l) => a + l.countParams(), 0);
  }

  /**
   * A Keras-like table of layers, output shapes and parameter counts; printed and returned. Takes tfjs-layers'
   * `(lineLength?, positions?, printFn?)` or just `(printFn)`.
   */
  summary(lineLengthOrPrint?: number | SummaryPrint, positions?: number[], printFn?: SummaryPrint): string {
    const args = summaryArguments(lineLengthOrPrint, positions, printFn);
    const trainableParams = this.trainableWeights.reduce((a, w) => a + w.shape.reduce((p, q) => p * q, 1), 0);
    const text = summaryText({ modelName: this.name, ...this.summaryColumns(), totalParams: this.countParams(), trainableParams }, args.lineLength, args.positions);
    args.print(text);
    return text;
  }

  /** The summary's column headers and one row of cells per entry (a layer, an input, a layer call). */
  protected abstract summaryColumns(): { headers: string[]; rows: string[][] };

  compile(args: CompileArgs): void {
    this.compiled = compileModel(args);
  }

  private requireCompiled(fn: string): CompiledModel {
    if (!this.compiled) throw new LayerError(`${this.name}.${fn}: call compile({optimizer, loss}) first`);
    return this.compiled;
  }

  fit(x: TensorOrList, y: TensorOrList, config?: FitConfig) {
    return fitModel(this, this.requireCompiled('fit'), x, y, config);
  }

  fitDataset(dataset: EpochDataset | TfjsLikeDataset, config?: Parameters<typeof fitDatasetModel>[3]) {
    return fitDatasetModel(this, this.requireCompiled('fitDataset'), dataset, config);
  }

  evaluate(x: TensorOrList, y: TensorOrList, config?: EvaluateConfig) {
    return evaluateModel(this, this.requireCompiled('evaluate'), x, y, config);
  }

  predict(x: tf.Tensor, config?: { batchSize?: number; mask?: tf.Tensor }): tf.Tensor;
  predict(x: TensorOrList, config?: { batchSize?: number; mask?: tf.Tensor }): TensorOrList;
  predict(x: TensorOrList, config?: { batchSize?: number; mask?: tf.Tensor }): TensorOrList {
    return predictModel(this, x, config);
  }

  /** One optimisation step on one batch (fit's input checks, no callbacks); returns the loss and metrics. */
  trainOnBatch(x: TensorOrList, y: TensorOrList, options: TrainOnBatchConfig = {}) {
    return trainOnBatchModel(this, this.requireCompiled('trainOnBatch'), x, y, options);
  }

  /** Saves in the tfjs LayersModel format: 'file://dir' (Node), 'indexeddb://name', 'localstorage://name', or a tf.io handler. */
  save(target: ModelTarget, options?: { includeOptimizer?: boolean }): Promise<tf.io.SaveResult> {
    return saveModel(this, target, options);
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}
