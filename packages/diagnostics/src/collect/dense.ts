// Turns what users pass as data (tensors, {data, shape}, nested arrays, ragged sequences) into flat arrays + shapes.
import { InvalidEvidenceError, describeValue } from '../errors.js';

export interface Dense {
  data: ArrayLike<number>;
  shape: number[];
}

/** Ragged sequences: each sample's steps, each step a feature vector. */
export interface Ragged {
  steps: number[][][];
}

interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

function isTensorLike(v: unknown): v is TensorLike {
  return typeof v === 'object' && v !== null && Array.isArray((v as TensorLike).shape) && typeof (v as TensorLike).dataSync === 'function';
}

/** Reads x or y. Ragged nested arrays (sequences of different lengths) come back as Ragged. */
export function readArray(fn: string, arg: string, v: unknown): Dense | Ragged {
  if (isTensorLike(v)) return { data: v.dataSync(), shape: [...v.shape] };
  if (typeof v === 'object' && v !== null && 'data' in v && 'shape' in v) {
    const d = v as Dense;
    const size = d.shape.reduce((a, b) => a * b, 1);
    if (d.data.length !== size) throw new InvalidEvidenceError(fn, `${arg}.data`, `length ${size} for shape [${d.shape.join(', ')}]`, `length ${d.data.length}`);
    return d;
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return fromNested(fn, arg, v as ArrayLike<unknown>);
  throw new InvalidEvidenceError(fn, arg, 'a tensor, {data, shape} or a nested array of numbers', describeValue(v));
}

function fromNested(fn: string, arg: string, v: ArrayLike<unknown>): Dense | Ragged {
  if (v.length === 0) throw new InvalidEvidenceError(fn, arg, 'a non-empty array', 'an empty array');
  if (typeof v[0] === 'number') return { data: Float64Array.from(v as ArrayLike<number>), shape: [v.length] };
  const rows = Array.from(v, (r, i) => {
    if (!Array.isArray(r) && !ArrayBuffer.isView(r)) throw new InvalidEvidenceError(fn, `${arg}[${i}]`, 'an array', describeValue(r));
    return r as ArrayLike<unknown>;
  });
  // Sequences as rows: each row is steps of numbers (tokens / 1 feature) or steps of feature vectors.
  const steps = rows.map((r, i) => Array.from(r, (s, t) => {
    if (typeof s === 'number') return [s];
    if (Array.isArray(s) || ArrayBuffer.isView(s)) return Array.from(s as ArrayLike<number>);
    throw new InvalidEvidenceError(fn, `${arg}[${i}][${t}]`, 'a number or an array of numbers', describeValue(s));
  }));
  const stepIsVector = rows.some((r) => r.length > 0 && typeof r[0] !== 'number');
  const T = steps[0].length;
  const F = T > 0 ? steps[0][0].length : 0;
  const rectangular = steps.every((s) => s.length === T && s.every((f) => f.length === F));
  if (!rectangular) return { steps };
  const data = new Float64Array(steps.length * T * F);
  let k = 0;
  for (const s of steps) for (const f of s) for (const x of f) data[k++] = x;
  return { data, shape: stepIsVector ? [steps.length, T, F] : [steps.length, T] };
}

/** One label per sample: the value for [N] or [N, 1], the argmax for one-hot [N, K]; undefined for per-step targets. */
export function labelsOf(y: Dense): number[] | undefined {
  const [n, k = 1, ...rest] = y.shape;
  if (rest.length > 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (k === 1) out.push(Number(y.data[i]));
    else {
      let best = 0;
      for (let j = 1; j < k; j++) if (y.data[i * k + j] > y.data[i * k + best]) best = j;
      out.push(best);
    }
  }
  return out;
}
