// Worker threads for whole-sequence inference in Node. The batch rows of an inference pass are independent, so a
// batch split across threads needs no synchronisation until the end: each worker runs its rows' whole sequence in
// its own instance of the SIMD module while the calling thread runs the first rows. predict is synchronous, so the
// caller blocks in Atomics.wait for the workers (allowed on Node's main thread, not on a browser's).
import type { SequenceData } from '../fused/sequence-data.js';
import { type BatchResults, blockPointers, readSequenceBlock, resultRanges, type SequenceBlock, writeSequenceBlock } from './sequence-block.js';

/** Where a worker places a block in its module memory (bytes); pointer 0 means "no mask" to the module. */
const WORKER_BASE = 16;
/** A worker that has not answered in this long is taken as lost (a crashed worker never answers). */
const ANSWER_TIMEOUT_MS = 120_000;
const STATUS = { running: 0, done: 1, failed: 2 } as const;
const MESSAGE_BYTES = 1024;
/** A worker's transfer buffer above this size is dropped after its call (the worker's module memory keeps its peak). */
const KEEP_BUFFER_BYTES = 16 * 2 ** 20;

// An ES module, loaded from a data: URL (an eval'd worker would be CommonJS or ESM depending on the parent's
// --input-type): compile the module bytes, then run one block per message.
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const ex = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes)).exports;
parentPort.on('message', (job) => {
  const status = new Int32Array(job.status, 0, 2);
  try {
    const need = ${WORKER_BASE} + 4 * job.total, have = ex.memory.buffer.byteLength;
    if (need > have) ex.memory.grow(Math.ceil((need - have) / 65536));
    const mem = new Float32Array(ex.memory.buffer), data = new Float32Array(job.data, 0, job.total);
    mem.set(data, ${WORKER_BASE / 4});
    const fn = ex[job.fn];
    if (typeof fn !== 'function') throw new Error('the SIMD module has no function ' + job.fn);
    fn(...job.pointers, ...job.scalars);
    for (const [at, n] of job.results) data.set(mem.subarray(${WORKER_BASE / 4} + at, ${WORKER_BASE / 4} + at + n), at);
    Atomics.store(status, 0, ${STATUS.done});
  } catch (e) {
    const text = new TextEncoder().encode(String((e && e.stack) || e)).subarray(0, ${MESSAGE_BYTES});
    new Uint8Array(job.status, 8, ${MESSAGE_BYTES}).set(text);
    status[1] = text.length;
    Atomics.store(status, 0, ${STATUS.failed});
  }
  Atomics.notify(status, 0);
});
parentPort.postMessage('ready');
`;

export interface SequenceWorkers {
  /** Worker threads (the calling thread makes one more). */
  readonly count: number;
  /** Whether a worker failed to answer in time; no further blocks are sent then. */
  readonly lost: boolean;
  /**
   * Sends `block` to worker `i` (fn: the sequence function's export name); returns the wait that blocks until the
   * worker is done, copies its rows into `into`, and throws the worker's error if it failed.
   */
  start(i: number, fn: string, block: SequenceBlock, d: SequenceData, ldb: number, into: BatchResults): () => void;
  terminate(): Promise<void>;
}

interface NodeWorker {
  postMessage(message: unknown): void;
  once(event: 'message' | 'error', listener: (value: never) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerClass = new (source: URL, options: { workerData: unknown }) => NodeWorker;

interface Slot {
  worker: NodeWorker;
  status: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

const inNode = () => typeof process === 'object' && !!process.versions?.node;
/** A Node built-in; the specifier is built so browser bundlers leave it alone. */
const nodeBuiltin = <T>(name: string): Promise<T> => import(/* @vite-ignore */ ['node', name].join(':')) as Promise<T>;

/** The cores Node may use (os.availableParallelism); undefined outside Node. */
export async function nodeCoreCount(): Promise<number | undefined> {
  if (!inNode()) return undefined;
  const os = await nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('os');
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Whether this thread may block in Atomics.wait (not a browser's main thread, e.g. Electron's renderer). */
function mayBlock(): boolean {
  try {
    return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0) === 'not-equal';
  } catch {
    return false;
  }
}

/** Node's Worker class, or undefined outside Node or where this thread cannot wait for workers. */
async function nodeWorkerClass(): Promise<WorkerClass | undefined> {
  if (!inNode() || typeof SharedArrayBuffer !== 'function' || !mayBlock()) return undefined;
  return (await nodeBuiltin<{ Worker: WorkerClass }>('worker_threads')).Worker;
}

/** Starts `count` workers on the module `bytes` and waits until each has compiled it; undefined outside Node. */
export async function startSequenceWorkers(count: number, bytes: Uint8Array): Promise<SequenceWorkers | undefined> {
  const Worker = await nodeWorkerClass();
  if (!Worker || count < 1) return undefined;
  const slots = await Promise.all(Array.from({ length: count }, async (): Promise<Slot> => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), { workerData: { bytes } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', (e: Error) => reject(new Error(`rnnkit SIMD module: an inference worker failed to start: ${e.message}`)));
    });
    // Idle workers must not keep the process alive.
    worker.unref();
    return { worker, status: new SharedArrayBuffer(8 + MESSAGE_BYTES), data: new SharedArrayBuffer(0) };
  }));
  let lost = false;
  return {
    count,
    get lost() {
      return lost;
    },
    start(i, fn, block, d, ldb, into) {
      const slot = slots[i];
      if (slot.data.byteLength < 4 * block.total) slot.data = new SharedArrayBuffer(4 * block.total);
      const data = new Float32Array(slot.data, 0, block.total);
      writeSequenceBlock(data, 0, block, d, ldb);
      const status = new Int32Array(slot.status, 0, 2);
      Atomics.store(status, 0, STATUS.running);
      slot.worker.postMessage({
        fn, data: slot.data, status: slot.status, total: block.total,
        pointers: blockPointers(block, !!d.mask, WORKER_BASE), scalars: block.scalars, results: resultRanges(block, d),
      });
      return () => {
        if (Atomics.wait(status, 0, STATUS.running, ANSWER_TIMEOUT_MS) === 'timed-out') {
          lost = true;
          throw new Error(`rnnkit SIMD module: inference worker ${i} did not answer within ${ANSWER_TIMEOUT_MS / 1000} s; inference threads are off from now on`);
        }
        if (Atomics.load(status, 0) === STATUS.failed) {
          const text = new TextDecoder().decode(new Uint8Array(slot.status, 8, status[1]).slice());
          throw new Error(`rnnkit SIMD module: inference worker ${i} failed: ${text}`);
        }
        readSequenceBlock(data, 0, block, d, into);
        if (slot.data.byteLength > KEEP_BUFFER_BYTES) slot.data = new SharedArrayBuffer(0);
      };
    },
    async terminate() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
