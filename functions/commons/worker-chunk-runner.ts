/**
 * Local parallelism for large batches: each lane of a batch runs `processChunk` in a worker
 * thread (validation with zod and Parquet encoding are CPU-bound; the machine's cores share
 * them). Rows cross the thread boundary in groups with credit-based backpressure, so the
 * coordinator's single parse never runs far ahead of a lane. Workers reach the ops store over
 * its endpoint (dynalite's HTTP port locally) and the stores by URL.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RedvestConfig } from '../../adapters/config.ts';
import type { StreamingChunkRunner } from '../../pipeline/ingest/chunk-runner.ts';
import type { LaneGroup } from '../../pipeline/ingest/lane-group.ts';
import type { ChunkResult } from '../../pipeline/ingest/process-chunk.ts';
import { chunkWorkerEntry } from './worker-entry.ts';

/** What a worker needs to build its own ports. */
export interface ChunkWorkerData {
  config: RedvestConfig;
  /** Endpoint of the ops store (required for dynalite: the worker cannot start its own). */
  opsEndpoint?: string;
  volunteerKeyHex: string;
  /** `memory`: each worker keeps records in its own memory (ingest-core benchmark only). Default `endpoint`. */
  opsKind?: 'endpoint' | 'memory';
}

/** Messages from the coordinator to a worker. */
export type ToWorker =
  | { type: 'start'; facts: import('../../pipeline/ingest/process-chunk.ts').BatchFacts; lane: number }
  | { type: 'rows'; rows: LaneGroup }
  | { type: 'end' };
/** Messages from a worker to the coordinator. */
export type FromWorker =
  | { type: 'ack' }
  | { type: 'done'; result: ChunkResult }
  | { type: 'error'; name: string; message: string };

/** Groups in flight per worker. */
const CREDITS = 4;

/**
 * Heap bounds of a chunk worker: a lane holds one block of records and its lake buffers, so a
 * capped old generation keeps each thread's footprint flat (V8 otherwise grows heaps long
 * before collecting). The young generation is 64 MB: rows pass through a lane quickly, and a
 * larger nursery lets most of them die there (measured at 1M rows: 8 MB spent a quarter of a
 * worker's time in scavenges; 32 MB took 42–50 s, 64 MB 31–43 s, 128 MB 57 s; on later code,
 * 10–13 s at 64 MB against 14–17 s at 128 MB). V8 sizes the new space in powers of two: any
 * setting from 64 to 127 MB gives the same 64 MB.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 128 };

/**
 * A streaming runner with up to `maxWorkers` worker threads (default: the machine's cores).
 *
 * @example
 * const runner = workerChunkRunner({ config, opsEndpoint, volunteerKeyHex: key.toString('hex') });
 * await ingestBatch({ ...deps, chunkRunner: runner }, request);
 */
export function workerChunkRunner(data: ChunkWorkerData, maxWorkers = os.availableParallelism()): StreamingChunkRunner {
  const warm: StartedWorker[] = [];
  return {
    kind: 'stream',
    crossesThreads: true,
    lanes: (chunks) => Math.max(1, Math.min(chunks, maxWorkers)),
    prepare(lanes) {
      while (warm.length < Math.min(lanes, maxWorkers)) warm.push(startWorker(data));
    },
    async release() {
      await Promise.all(warm.splice(0).map((started) => started.worker.terminate()));
    },
    runLane: (facts, lane, rows) => runInWorker(warm.shift() ?? startWorker(data), facts, lane, rows),
  };
}

/** A worker thread booting or booted, with any failure it had before a lane took it. */
interface StartedWorker {
  worker: Worker;
  early: { error?: Error };
}

function startWorker(data: ChunkWorkerData): StartedWorker {
  const entry = chunkWorkerEntry();
  const worker = new Worker(entry.filename, {
    eval: entry.eval,
    execArgv: entry.execArgv,
    workerData: data,
    resourceLimits: WORKER_HEAP,
  });
  const early: StartedWorker['early'] = {};
  worker.on('error', (error) => (early.error ??= error));
  worker.on('exit', (code) => (early.error ??= new Error(`chunk worker exited with code ${code}`)));
  return { worker, early };
}

async function runInWorker(
  { worker, early }: StartedWorker,
  facts: import('../../pipeline/ingest/process-chunk.ts').BatchFacts,
  lane: number,
  rows: AsyncIterable<LaneGroup>,
): Promise<ChunkResult> {
  let credits = CREDITS;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let resolveResult!: (r: ChunkResult) => void;
  let rejectResult!: (e: Error) => void;
  const result = new Promise<ChunkResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  const fail = (error: Error) => {
    failure ??= error;
    rejectResult(error);
    wake?.();
  };
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'ack') {
      credits++;
      wake?.();
    } else if (message.type === 'done') resolveResult(message.result);
    else {
      const error = new Error(message.message);
      error.name = message.name;
      fail(error);
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`chunk worker exited with code ${code}`)));
  if (early.error) fail(early.error);
  try {
    worker.postMessage({ type: 'start', facts, lane } satisfies ToWorker);
    for await (const group of rows) {
      while (credits === 0 && !failure) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
      credits--;
      worker.postMessage({ type: 'rows', rows: group } satisfies ToWorker);
    }
    worker.postMessage({ type: 'end' } satisfies ToWorker);
    return await result;
  } finally {
    result.catch(() => undefined);
    await worker.terminate();
  }
}
