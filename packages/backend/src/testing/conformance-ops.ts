import { tf } from '../tfjs.js';

/** Basic ops with values worked out by hand (or to double precision): what every recurrent kernel is built on. */
export const BASIC_OP_CASES: Array<[string, () => tf.Tensor, unknown]> = [
  ['matMul', () => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])), [[19, 22], [43, 50]]],
  ['matMul with transposed b', () => tf.matMul(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 0, 1], [2, 1, 0]]), false, true), [[4, 4]]],
  ['add with broadcasting', () => tf.add(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([10, 20])), [[11, 22], [13, 24]]],
  ['sigmoid', () => tf.sigmoid(tf.tensor1d([-2, 0, 2])), [0.11920292202211755, 0.5, 0.8807970779778823]],
  ['tanh', () => tf.tanh(tf.tensor1d([-1, 0, 0.5])), [-0.7615941559557649, 0, 0.46211715726000974]],
  ['concat on axis 1', () => tf.concat([tf.tensor2d([[1], [2]]), tf.tensor2d([[3, 4], [5, 6]])], 1), [[1, 3, 4], [2, 5, 6]]],
  ['slice', () => tf.slice(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]), [[2, 3], [5, 6]]],
  ['sum over an axis', () => tf.sum(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), 1), [6, 15]],
  ['mul and sub', () => tf.sub(tf.mul(tf.tensor1d([1.5, -2]), tf.tensor1d([2, 3])), 1), [2, -7]],
  ['where with a broadcast mask', () => tf.where(tf.tensor2d([[true], [false]]), tf.ones([2, 2]), tf.zeros([2, 2])), [[1, 1], [0, 0]]],
];
