// The parts of tfjs-node's kernel backend that rnnkit calls directly, to run TensorFlow ops tfjs has no kernel for
// (BlockLSTMV2, SparseMatMul). tfjs-node does not export these types.
import { tf } from '@rnnkit/backend';

export interface TfAttr { name: string; type: number; value: unknown }
export interface NodeBinding { TF_ATTR_FLOAT: number; TF_ATTR_BOOL: number; TF_ATTR_TYPE: number; TF_FLOAT: number }
export interface NodeKernelBackend {
  binding: NodeBinding;
  executeSingleOutput(name: string, attrs: TfAttr[], inputs: tf.Tensor[]): tf.Tensor;
  executeMultipleOutputs(name: string, attrs: TfAttr[], inputs: unknown[], numOutputs: number): tf.Tensor[];
}

/** tfjs-node's backend when it is the active one, else null. */
export function activeTensorflowBackend(): NodeKernelBackend | null {
  const b = tf.backend() as unknown as Partial<NodeKernelBackend>;
  return tf.getBackend() === 'tensorflow' && typeof b.executeMultipleOutputs === 'function' && typeof b.executeSingleOutput === 'function' && b.binding
    ? (b as NodeKernelBackend)
    : null;
}
