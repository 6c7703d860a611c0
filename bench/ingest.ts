/**
 * Ingest benchmark (issue 3). Three figures, each against a peer run in the same process:
 *
 * 1. Ingest core (parse → validate → pseudonymise → Parquet) on a generated service-records
 *    CSV, as a ratio to DuckDB's `COPY (SELECT * FROM read_csv(…)) TO … (FORMAT parquet)` of the
 *    same file. Goal ≥ 0.15 (stretch 0.5). Both run `coreRuns` times, alternately, and the
 *    figure is the best of each (the median ratio is reported beside it): on a shared 2-core
 *    machine one run of the core varies by ±20 % with the neighbours' load, DuckDB's far less.
 * 2. End to end with dynalite (duplicate-detection reads included), as a ratio to raw
 *    BatchWriteItem of the same items into the same dynalite. Goal ≥ 0.5.
 * 3. Peak RSS of the ingest core at two sizes, each in its own child process running one lane
 *    in-process, as an ingest Lambda runs a batch or a chunk (worker threads are a local
 *    speed-up: each adds its own V8 heap). Goal ≤ 300 MB, and the larger ≤ 1.3 × the smaller.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../adapters/config.ts';
import { startDynalite } from '../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../adapters/ops/dynamo-ops-store.ts';
import type { Item } from '../adapters/ports.ts';
import { workerChunkRunner } from '../functions/commons/worker-chunk-runner.ts';
import { writeServiceRecordsCsv } from '../pipeline/generate/stream-csv.ts';
import { runIngestCore } from './ingest-core.ts';

export interface IngestBenchOptions {
  /** Rows of the core run. Default 1,000,000. */
  rows?: number;
  /** Runs of the core and of DuckDB, alternating. Default 3. */
  coreRuns?: number;
  /** Rows of the end-to-end run with dynalite. Default 50,000. */
  e2eRows?: number;
  /** Sizes of the peak-RSS runs. Default [1,000,000, 4,000,000]. */
  rssRows?: number[];
  /** Working folder; default a temporary one (removed afterwards). */
  dir?: string;
  log?: (line: string) => void;
}

export interface IngestBenchResult {
  core: {
    rows: number;
    /** Best core run. */
    seconds: number;
    /** Best DuckDB run. */
    duckdbSeconds: number;
    /** Best DuckDB ÷ best core. */
    ratio: number;
    /** Median DuckDB ÷ median core. */
    medianRatio: number;
    /** Every run, in order. */
    runs: { seconds: number; duckdbSeconds: number }[];
  };
  endToEnd: { rows: number; items: number; seconds: number; rawSeconds: number; ratio: number };
  rss: { rows: number; maxRssMb: number }[];
  /** Largest RSS ÷ smallest. */
  rssGrowth: number;
}

const AS_OF = '2026-06-30';

/**
 * Heap bounds of the peak-RSS child, as a Lambda function's runtime sets them from its memory
 * size: without them V8 grows its heaps long before collecting, and RSS measures that slack
 * rather than what ingest holds. (Worker threads are bounded by the chunk runner itself.)
 */
const RSS_CHILD_HEAP = ['--max-old-space-size=160', '--max-semi-space-size=8'];
const execFileAsync = promisify(execFile);

/**
 * Bundles `ingest-core.ts` into plain JavaScript (packages left external) beside the repo's
 * `node_modules`, so the peak-RSS child runs code as a Lambda bundle does, without the
 * TypeScript loader (tsx alone adds about 35 MB of RSS). Returns the bundle's path.
 */
async function bundleCoreChild(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(import.meta.dirname, '..', '.bench', 'ingest-core.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'ingest-core.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

async function generate(dir: string, rows: number): Promise<string> {
  const file = path.join(dir, `service-records-${rows}.csv`);
  await writeServiceRecordsCsv({ path: file, rows, seed: 7, district: 'futian', asOf: AS_OF });
  return file;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function duckdbCopy(file: string, out: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const started = performance.now();
    await connection.run(`COPY (SELECT * FROM read_csv('${file}')) TO '${out}' (FORMAT parquet)`);
    return (performance.now() - started) / 1000;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function scanRecords(ops: DynamoOpsStore, client: ReturnType<typeof createDynamoClient>): Promise<Item[]> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const { unmarshall } = await import('@aws-sdk/util-dynamodb');
  const items: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: ops.tableName, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) if (item.pk?.S?.startsWith('REC#')) items.push(unmarshall(item) as Item);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Runs the three ingest benchmarks and returns their figures.
 *
 * @example
 * const result = await runIngestBench({ rows: 100_000, e2eRows: 20_000, rssRows: [100_000, 400_000] });
 * result.core.ratio; // e.g. 0.2
 */
export async function runIngestBench(options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rows = options.rows ?? 1_000_000;
  const e2eRows = options.e2eRows ?? 50_000;
  const rssRows = options.rssRows ?? [1_000_000, 4_000_000];
  const dir = options.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-bench-ingest-')));
  try {
    // End to end on dynalite vs raw BatchWriteItem of the same items. It runs first: dynalite
    // serves from this process, and the million-row core runs left a heap that slowed it
    // (measured: 0.54–0.58 after them, 0.67 twice in a process that had not run them).
    const e2eFile = await generate(dir, e2eRows);
    const db = await startDynalite();
    let endToEnd: IngestBenchResult['endToEnd'];
    try {
      const client = createDynamoClient({ endpoint: db.endpoint, local: true });
      await ensureTable(client, 'bench-ingest');
      await ensureTable(client, 'bench-raw');
      const ops = new DynamoOpsStore(client, 'bench-ingest');
      const e2eDir = path.join(dir, 'e2e');
      const key = randomBytes(32);
      const config = loadConfig({}, { dataDir: e2eDir, ops: { tableName: 'bench-ingest', endpoint: db.endpoint } });
      const runner = workerChunkRunner({ config, opsEndpoint: db.endpoint, volunteerKeyHex: key.toString('hex') });
      const run = await runIngestCore({
        file: e2eFile,
        dir: e2eDir,
        rows: e2eRows,
        today: AS_OF,
        ops,
        chunkRunner: runner,
        chunkRows: Math.ceil(e2eRows / 2),
      });
      const items = await scanRecords(ops, client);
      const raw = new DynamoOpsStore(client, 'bench-raw');
      const started = performance.now();
      await raw.batchPut(items);
      const rawSeconds = (performance.now() - started) / 1000;
      endToEnd = { rows: e2eRows, items: items.length, seconds: run.seconds, rawSeconds, ratio: rawSeconds / run.seconds };
      log(
        `end to end (dynalite): ${e2eRows} rows, ${items.length} items in ${run.seconds.toFixed(2)} s; raw BatchWriteItem ${rawSeconds.toFixed(2)} s; ratio ${endToEnd.ratio.toFixed(3)}`,
      );
      client.destroy();
    } finally {
      await db.close();
    }

    // Core vs DuckDB, alternately.
    const file = await generate(dir, rows);
    const runs: IngestBenchResult['core']['runs'] = [];
    for (let run = 0; run < (options.coreRuns ?? 3); run++) {
      const duckdbSeconds = await duckdbCopy(file, path.join(dir, 'duckdb.parquet'));
      const core = await runIngestCore({ file, dir: path.join(dir, 'core'), rows, today: AS_OF });
      if (core.outcome.accepted !== rows) throw new Error(`core run accepted ${core.outcome.accepted} of ${rows} rows`);
      runs.push({ seconds: core.seconds, duckdbSeconds });
      log(
        `ingest core run ${run + 1}: ${rows} rows in ${core.seconds.toFixed(2)} s (${Math.round(rows / core.seconds)} rows/s); DuckDB COPY ${duckdbSeconds.toFixed(2)} s; ratio ${(duckdbSeconds / core.seconds).toFixed(3)}`,
      );
      await fs.rm(path.join(dir, 'core'), { recursive: true, force: true });
    }
    const seconds = Math.min(...runs.map((r) => r.seconds));
    const duckdbSeconds = Math.min(...runs.map((r) => r.duckdbSeconds));
    const coreResult = {
      rows,
      seconds,
      duckdbSeconds,
      ratio: duckdbSeconds / seconds,
      medianRatio: median(runs.map((r) => r.duckdbSeconds)) / median(runs.map((r) => r.seconds)),
      runs,
    };
    log(
      `ingest core: best ${seconds.toFixed(2)} s, DuckDB best ${duckdbSeconds.toFixed(2)} s; ratio ${coreResult.ratio.toFixed(3)} (median ${coreResult.medianRatio.toFixed(3)})`,
    );

    // Peak RSS in child processes.
    const rss: IngestBenchResult['rss'] = [];
    const child = await bundleCoreChild();
    for (const n of rssRows) {
      const f = n === rows ? file : await generate(dir, n);
      const { stdout } = await execFileAsync(
        process.execPath,
        [...RSS_CHILD_HEAP, child, f, String(n), AS_OF, path.join(dir, `rss-${n}`), 'in-process'],
        {
          maxBuffer: 1024 * 1024,
        },
      );
      const line = JSON.parse(stdout.trim().split('\n').at(-1)!) as { maxRssMb: number; accepted: number };
      if (line.accepted !== n) throw new Error(`RSS run accepted ${line.accepted} of ${n} rows`);
      rss.push({ rows: n, maxRssMb: Math.round(line.maxRssMb) });
      log(`peak RSS at ${n} rows (one lane in-process): ${Math.round(line.maxRssMb)} MB`);
      await fs.rm(path.join(dir, `rss-${n}`), { recursive: true, force: true });
      if (f !== file) await fs.rm(f, { force: true });
    }
    const sizes = rss.map((r) => r.maxRssMb);
    const rssGrowth = sizes.length > 1 ? Math.max(...sizes) / Math.min(...sizes) : 1;
    return { core: coreResult, endToEnd, rss, rssGrowth };
  } finally {
    if (!options.dir) await fs.rm(dir, { recursive: true, force: true });
  }
}
