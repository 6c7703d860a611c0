/**
 * The ingest core on one file (parse → validate → pseudonymise → Parquet, records kept in
 * memory instead of DynamoDB), with chunks in worker threads as `redvest ingest` runs them.
 * Used by the ingest benchmark in-process and by its peak-RSS child processes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FsBlobStore } from '../adapters/blob/fs-blob-store.ts';
import { fileUrl, loadConfig } from '../adapters/config.ts';
import type { OpsStore } from '../adapters/ports.ts';
import { MemoryOpsStore } from '../functions/commons/memory-ops-store.ts';
import { workerChunkRunner } from '../functions/commons/worker-chunk-runner.ts';
import type { BatchOutcome } from '../pipeline/ingest/batch-outcome.ts';
import type { ChunkRunner } from '../pipeline/ingest/chunk-runner.ts';
import { ingestBatch } from '../pipeline/ingest/ingest-batch.ts';
import { landingKey } from '../pipeline/ingest/landing-key.ts';

export interface CoreRunOptions {
  /** The CSV to ingest. */
  file: string;
  /** Working folder (landing, lake, rejects). */
  dir: string;
  rows: number;
  today: string;
  /** Ops store; default in memory (ingest core). */
  ops?: OpsStore;
  chunkRunner?: ChunkRunner;
  chunkRows?: number;
  /**
   * One lane in this process, as one ingest Lambda runs a chunk, instead of worker threads
   * (ignored when `chunkRunner` is given). Default false.
   */
  inProcess?: boolean;
}

/**
 * Ingests `file` as one futian service-records batch and returns the outcome and seconds taken
 * (landing copy excluded).
 *
 * @example
 * const { seconds } = await runIngestCore({ file: '/tmp/1m.csv', dir: '/tmp/bench', rows: 1e6, today: '2026-06-30' });
 */
export async function runIngestCore(options: CoreRunOptions): Promise<{ outcome: BatchOutcome; seconds: number }> {
  await fs.mkdir(options.dir, { recursive: true });
  const stores = {
    landing: new FsBlobStore(fileUrl(path.join(options.dir, 'landing'))),
    lake: new FsBlobStore(fileUrl(path.join(options.dir, 'lake'))),
    rejects: new FsBlobStore(fileUrl(path.join(options.dir, 'rejects'))),
  };
  const key = randomBytes(32);
  const batchId = `bench-${Date.now()}`;
  const k = landingKey({ dataset: 'service_records', district: 'futian', batchId, fileName: path.basename(options.file) });
  await fs.mkdir(path.dirname(path.join(options.dir, 'landing', k)), { recursive: true });
  await fs.copyFile(options.file, path.join(options.dir, 'landing', k));
  const config = loadConfig(
    {},
    { dataDir: options.dir, stores: { lake: stores.lake.url, rejects: stores.rejects.url, landing: stores.landing.url } },
  );
  // Without a runner, ingestBatch runs every chunk in this process.
  const runner =
    options.chunkRunner ??
    (options.inProcess ? undefined : workerChunkRunner({ config, volunteerKeyHex: key.toString('hex'), opsKind: 'memory' }));
  const started = performance.now();
  const outcome = await ingestBatch(
    {
      settings: {
        limits: {
          maxFileBytes: 4 * 1024 ** 3,
          maxRows: options.rows + 1,
          maxXlsxInflatedBytes: 1024 ** 3,
          chunkRows: options.chunkRows ?? 250_000,
        },
        today: options.today,
      },
      ...stores,
      ops: options.ops ?? new MemoryOpsStore(false),
      volunteerKey: key,
      chunkRunner: runner,
      tmpDir: options.dir,
    },
    { key: k },
  );
  return { outcome, seconds: (performance.now() - started) / 1000 };
}

/**
 * Peak resident set of this process in MB. On Linux from `/proc/self/status` (VmHWM, which
 * starts afresh at exec): `getrusage`'s maxrss keeps the high-water mark of the parent that
 * forked the child, so a child of a large benchmark process would report the parent's size.
 */
export async function peakRssMb(): Promise<number> {
  try {
    const status = await fs.readFile('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

// As a child process: `node --import tsx bench/ingest-core.ts FILE ROWS TODAY DIR [workers|in-process]` prints the peak RSS.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [file, rows, today, dir, lanes] = process.argv.slice(2) as [string, string, string, string, string?];
  const { outcome, seconds } = await runIngestCore({
    file,
    rows: Number(rows),
    today,
    dir,
    inProcess: lanes === 'in-process',
  });
  process.stdout.write(
    `${JSON.stringify({ status: outcome.status, accepted: outcome.accepted, seconds, maxRssMb: await peakRssMb() })}\n`,
  );
}
