// GRU (resetAfter, Keras' default) over a whole sequence as one custom gradient of whole-tensor ops. Forward: per
// step one recurrent matMul over all gates and about fourteen ops, or, given an inference pass (`forward`), every
// step's h from it and the gates recomputed for all steps at once (one large matMul). Backward: the gradient of each
// step's pre-activations is the step's dh times coefficients that depend on the forward values only, computed for
// all steps at once before the walk back; per step then one multiply, one matMul and the direct path (five ops or
// so instead of about seventeen). The weight gradients are large matMuls at the end. The recurrent bias of z and r
// is folded into the input projection (it only adds there); that of h is added to hz_h before r multiplies it.
import { tf } from '../tfjs.js';
import { activation } from '../recurrent/activations.js';
import { isRecordingGradients } from '../recurrent/tape.js';
import type { RnnSequenceArgs, RnnSequenceResult } from '../recurrent/types.js';
import type { SequenceDims } from '../recurrent/validate-sequence.js';
import { timeMajorInputs } from '../tensor-fused/sequence-io.js';
import { DERIVATIVE_FROM_OUTPUT, derivativeFromOutput } from './derivative-from-output.js';
import { givenStates, type SequenceForward, statesBefore } from './sequence-forward.js';
import { columns } from './step-inputs.js';

type T2 = tf.Tensor2D;

/** Whether gruOpSequence runs these arguments: resetAfter, no mask, activations whose derivative follows from their output. */
export function gruOpSequenceSupports(args: RnnSequenceArgs): boolean {
  return (args.resetAfter ?? true) && !args.mask
    && DERIVATIVE_FROM_OUTPUT.has(args.activation ?? 'tanh') && DERIVATIVE_FROM_OUTPUT.has(args.recurrentActivation ?? 'sigmoid');
}

export function gruOpSequence(args: RnnSequenceArgs, dims: SequenceDims, forward?: SequenceForward): RnnSequenceResult {
  const { batch: B, time: T, units: U } = dims;
  const G = 3 * U;
  const actName = args.activation ?? 'tanh', ractName = args.recurrentActivation ?? 'sigmoid';
  const act = activation(actName), ract = activation(ractName);
  const drop = args.recurrentDropoutMask;
  const returnSequences = args.returnSequences ?? false;
  const recording = isRecordingGradients();
  const flat = (t: tf.Tensor, width: number) => tf.reshape(t, [T * B, width]) as T2;

  // Inputs: time-major x [T*B, F], weights, bias [2, 3U] (input row, recurrent row), h0. Value: every h or the last.
  const sequence = tf.customGrad((...all: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x2, kernel, rk, bias, h0] = all as T2[];
    const save = all[5] as tf.GradSaveFunc;
    const [inputRow, recurrentRow] = tf.unstack(bias!) as tf.Tensor1D[];
    const folded = tf.add(inputRow!, tf.concat([tf.slice(recurrentRow!, [0], [2 * U]), tf.zeros([U])]));
    const hBias = tf.slice(recurrentRow!, [2 * U], [U]);
    const xz = tf.add(tf.matMul(x2!, kernel!), folded) as T2;
    const given = givenStates(args, forward);
    let hAll: tf.Tensor3D | undefined, h: T2;
    // What the backward pass needs, [T*B, width] each: h before each step, times the dropout mask; z|r; hz_h + bias; hh.
    let keep: (() => tf.Tensor[]) | undefined;
    if (given) {
      ({ hAll, last: h } = given);
      keep = () => {
        const before = statesBefore(h0!, given.hAll);
        const hPrev = flat(before, U), hIn = drop ? flat(tf.mul(before, drop), U) : hPrev;
        // Every step's gates from the known states: one [T*B, U] x [U, 3U] product instead of one per step.
        const hz = tf.matMul(hIn, rk!) as T2;
        const zr = ract(tf.add(columns(xz, 0, 2 * U), columns(hz, 0, 2 * U))) as T2;
        const hzh = tf.add(columns(hz, 2 * U, U), hBias) as T2;
        const hh = act(tf.add(columns(xz, 2 * U, U), tf.mul(columns(zr, U, U), hzh))) as T2;
        return [hPrev, hIn, zr, hzh, hh];
      };
    } else {
      const xzr = tf.unstack(tf.reshape(columns(xz, 0, 2 * U), [T, B, 2 * U])) as T2[];
      const xh = tf.unstack(tf.reshape(columns(xz, 2 * U, U), [T, B, U])) as T2[];
      h = h0!;
      const hs: T2[] = [], hPrev: T2[] = [], hIn: T2[] = [], zrs: T2[] = [], hzhs: T2[] = [], hhs: T2[] = [];
      for (let t = 0; t < T; t++) {
        const hd = drop ? tf.mul(h, drop) as T2 : h;
        const hz = tf.matMul(hd, rk!) as T2;
        const zr = ract(tf.add(xzr[t]!, columns(hz, 0, 2 * U))) as T2;
        const hzh = tf.add(columns(hz, 2 * U, U), hBias) as T2;
        const hh = act(tf.add(xh[t]!, tf.mul(columns(zr, U, U), hzh))) as T2;
        hPrev.push(h); hIn.push(hd); zrs.push(zr); hzhs.push(hzh); hhs.push(hh);
        h = tf.add(hh, tf.mul(columns(zr, 0, U), tf.sub(h, hh))) as T2;
        hs.push(h);
      }
      if (returnSequences) hAll = tf.stack(hs) as tf.Tensor3D;
      keep = () => [hPrev, hIn, zrs, hzhs, hhs].map((list, i) => flat(tf.stack(list), i === 2 ? 2 * U : U));
    }
    if (recording) save([x2!, kernel!, rk!, ...keep()]);
    return {
      value: returnSequences ? hAll! : h,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx2, sKernel, sRk, hPrev, sHIn, zr, hzh, hh] = saved as T2[];
        // With g the gradient reaching step t's h:  d(z pre) = g·Kz, d(r pre) = g·Kr, d(hh pre) = g·Kh, and the
        // gradient of hz = [hz_z, hz_r, hz_h] is [g, g, g]·M; h flows straight back as g·z.
        const z = columns(zr!, 0, U), r = columns(zr!, U, U);
        const dAct = derivativeFromOutput(actName, hh!), dRact = derivativeFromOutput(ractName, zr!) as T2;
        const Kh = tf.mul(tf.sub(1, z), dAct);
        const Kz = tf.mul(tf.sub(hPrev!, hh!), columns(dRact, 0, U));
        const Kr = tf.mul(tf.mul(Kh, hzh!), columns(dRact, U, U));
        const Ms = tf.unstack(tf.reshape(tf.concat([Kz, Kr, tf.mul(Kh, r)], 1), [T, B, G])) as T2[];
        const zs = tf.unstack(tf.reshape(z, [T, B, U])) as T2[];
        const dHs = returnSequences ? tf.unstack(dy) as T2[] : undefined;
        const rkT = tf.transpose(sRk!);
        const gs: T2[] = new Array(T), dhz: T2[] = new Array(T);
        let dh: T2 | undefined = returnSequences ? undefined : dy as T2;
        for (let t = T - 1; t >= 0; t--) {
          const g = (dHs ? (dh ? tf.add(dh, dHs[t]!) : dHs[t]!) : dh!) as T2;
          gs[t] = g;
          dhz[t] = tf.mul(tf.concat([g, g, g], 1), Ms[t]!) as T2;
          const through = tf.matMul(dhz[t]!, rkT);
          dh = tf.add(tf.mul(g, zs[t]!), drop ? tf.mul(through, drop) : through) as T2;
        }
        const gAll = flat(tf.stack(gs), U);
        const dXZ = tf.mul(tf.concat([gAll, gAll, gAll], 1), tf.concat([Kz, Kr, Kh], 1)) as T2;
        const dHZ = flat(tf.stack(dhz), G);
        const dX = tf.matMul(dXZ, tf.transpose(sKernel!));
        const dKernel = tf.matMul(tf.transpose(sx2!), dXZ);
        const dRk = tf.matMul(tf.transpose(sHIn!), dHZ);
        return [dX, dKernel, dRk, tf.stack([tf.sum(dXZ, 0), tf.sum(dHZ, 0)]), dh!];
      },
    };
  });

  return tf.tidy(() => {
    const bias = args.bias ? args.bias : tf.zeros([2, G]);
    const value = sequence(timeMajorInputs(args), args.kernel, args.recurrentKernel, bias, args.initialState[0]!);
    if (!returnSequences) return { outputs: value, states: [value as T2] };
    const last = tf.reshape(tf.slice(value, [T - 1, 0, 0], [1, B, U]), [B, U]) as T2;
    return { outputs: tf.transpose(value, [1, 0, 2]), states: [last] };
  });
}
