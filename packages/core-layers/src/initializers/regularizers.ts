// Weight regularizers (Keras l1, l2, l1l2): a penalty added to the training loss.
import { tf } from '@rnnkit/backend';

export interface Regularizer {
  readonly className: 'L1L2';
  readonly l1: number;
  readonly l2: number;
  penalty(w: tf.Tensor): tf.Scalar;
}

export function l1l2({ l1 = 0, l2 = 0 }: { l1?: number; l2?: number } = {}): Regularizer {
  return {
    className: 'L1L2', l1, l2,
    penalty: (w) => tf.tidy(() => tf.add(tf.mul(l1, tf.sum(tf.abs(w))), tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar),
  };
}

export const l1 = (l1Value = 0.01) => l1l2({ l1: l1Value });
export const l2 = (l2Value = 0.01) => l1l2({ l2: l2Value });
