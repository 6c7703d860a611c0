/**
 * `redvest ingest FILE… --dataset D [--district SLUG] [--json]`: the direct local path of an
 * upload. Each file is copied into landing under a new batch id and the ingest function's
 * handler is invoked with an S3-shaped ObjectCreated event, exactly as the cloud does.
 * With --json, one outcome line per file on stdout and logs on stderr. Exit 0 when every batch
 * is COMPLETED or DUPLICATE, 2 when one FAILED, 1 on usage or internal errors.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { RedvestConfig } from '../../adapters/config.ts';
import type { Runtime } from '../../adapters/runtime.ts';
import { localLambdaContext } from '../../functions/commons/local-context.ts';
import type { BatchOutcome } from '../../pipeline/ingest/batch-outcome.ts';
import type { DatasetName } from '../../schemas/dataset.ts';

/** Options of {@link ingestLocalFiles}. */
export interface LocalIngestOptions {
  dataset: DatasetName;
  district: string;
  /** Progress per file (rows routed, total). */
  onProgress?: (file: string, done: number, total: number) => void;
  /** Powertools output to stderr (keeps stdout for --json lines). Default true. */
  logsToStderr?: boolean;
}

/**
 * Ingests local files through the ingest handler over a runtime; returns one outcome per file.
 * Large files run their chunks in worker threads when the ops endpoint is reachable from them.
 *
 * @example
 * const [outcome] = await ingestLocalFiles(runtime, ['records.csv'], { dataset: 'service_records', district: 'futian' });
 */
export async function ingestLocalFiles(runtime: Runtime, files: string[], options: LocalIngestOptions): Promise<BatchOutcome[]> {
  const [{ Logger }, { Metrics }, handlerModule, { ingestDepsOf }, { s3ObjectCreatedEvent }, { toStderr }, keys, secrets] =
    await Promise.all([
      import('@aws-lambda-powertools/logger'),
      import('@aws-lambda-powertools/metrics'),
      import('../../functions/ingest/handler.ts'),
      import('../../functions/commons/ingest-deps.ts'),
      import('../../functions/commons/s3-event-keys.ts'),
      import('../../functions/commons/stderr-output.ts'),
      import('../../pipeline/ingest/landing-key.ts'),
      import('../../adapters/secrets/volunteer-key.ts'),
    ]);
  const logger = new Logger({ serviceName: 'ingest', logLevel: runtime.config.logLevel });
  const metrics = new Metrics({ namespace: 'Redvest', serviceName: 'ingest' });
  if (options.logsToStderr ?? true) {
    toStderr(logger);
    toStderr(metrics);
  }
  const volunteerKey = await loadKey(runtime.config, secrets.loadVolunteerKey);
  const chunkRunner = await localChunkRunner(runtime.config, volunteerKey);
  const outcomes: BatchOutcome[] = [];
  for (const file of files) {
    const fileName = keys.safeFileName(path.basename(file));
    const batchId = keys.newBatchId();
    const key = keys.landingKey({ dataset: options.dataset, district: options.district, batchId, fileName });
    const { size } = await fs.stat(file);
    await runtime.stores.landing.putStream(key, createReadStream(file));
    const deps = await ingestDepsOf(runtime, {
      volunteerKey,
      chunkRunner,
      onProgress: options.onProgress ? (done, total) => options.onProgress!(file, done, total) : undefined,
    });
    const handle = handlerModule.createIngestHandler(async () => deps, logger, metrics);
    const result = await handle(s3ObjectCreatedEvent('landing', key, size), localLambdaContext('redvest-ingest-local'));
    const outcome = result.outcomes[0];
    if (!outcome) throw new Error(`ingest produced no outcome for ${file}`);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function loadKey(config: RedvestConfig, load: (c: RedvestConfig) => Promise<Buffer>): Promise<Buffer> {
  return load(config);
}

/** Worker threads when the ops store has an endpoint other threads can reach. */
async function localChunkRunner(config: RedvestConfig, key: Buffer) {
  if (config.ops.backend === 'dynalite' && !config.ops.endpoint) return undefined;
  const { workerChunkRunner } = await import('../../functions/commons/worker-chunk-runner.ts');
  return workerChunkRunner({ config, opsEndpoint: config.ops.endpoint, volunteerKeyHex: key.toString('hex') });
}

/**
 * The exit code for a set of outcomes: 2 when one FAILED, else 0.
 *
 * @example
 * exitCodeOf([{ status: 'DUPLICATE' }]); // 0
 */
export function exitCodeOf(outcomes: Pick<BatchOutcome, 'status'>[]): number {
  return outcomes.some((o) => o.status === 'FAILED') ? 2 : 0;
}

function summary(o: BatchOutcome): string {
  const head = `${o.batch_id} ${o.dataset}/${o.district} ${o.status}`;
  if (o.status === 'DUPLICATE')
    return `${head}: 与批次 ${o.duplicate_of} 完全相同,未写入 / identical to ${o.duplicate_of}, nothing written`;
  if (o.status === 'FAILED') return `${head}: ${o.failure?.message_zh ?? ''} / ${o.failure?.message_en ?? ''}`;
  const counts = `received ${o.received}, accepted ${o.accepted} (duplicates ${o.duplicates}, corrections ${o.corrections}), rejected ${o.rejected}`;
  return o.errors_report ? `${head}: ${counts}\n  错误报告 / error report: ${o.errors_report}` : `${head}: ${counts}`;
}

/** Registers `redvest ingest`. */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('ingest district files directly (local) / 直接导入区数据文件(本地)')
    .argument('<files...>', 'CSV (UTF-8 or GBK), XLSX or JSON Lines files')
    .requiredOption('--dataset <dataset>', 'service_records, registrations, projects or contracts')
    .option('--district <slug>', 'district slug (per-district datasets); city for projects and contracts')
    .action(async (files: string[], flags: { dataset: string; district?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
      const [{ isDatasetName, DATASETS }, { resolveDistrict, CITY }] = await Promise.all([
        import('../../schemas/datasets/index.ts'),
        import('../../schemas/reference/index.ts'),
      ]);
      const usage = (message: string) => {
        process.stderr.write(`redvest ingest: ${message}\n`);
        process.exitCode = 1;
      };
      if (!isDatasetName(flags.dataset)) return usage(`unknown dataset "${flags.dataset}"`);
      const dataset = DATASETS[flags.dataset];
      let district: string;
      if (dataset.scope === 'city') {
        if (flags.district !== undefined && flags.district !== CITY)
          return usage(`${flags.dataset} is federation-level: use --district city or leave it out`);
        district = CITY;
      } else {
        const resolved = flags.district === undefined ? undefined : resolveDistrict(flags.district);
        if (!resolved) return usage(`${flags.dataset} needs --district with a district slug (e.g. futian)`);
        district = resolved.slug;
      }
      for (const file of files) {
        try {
          await fs.access(file);
        } catch {
          return usage(`cannot read ${file}`);
        }
      }

      const { loadConfig } = await import('../../adapters/config.ts');
      const { openRuntime } = await import('../../adapters/runtime.ts');
      let config = loadConfig(process.env, { dataDir: globals.dataDir });
      let dynalite: { close(): Promise<void> } | undefined;
      if (config.ops.backend === 'dynalite' && !config.ops.endpoint) {
        // Started here (not by the runtime) so worker threads can reach it over its port.
        const { startDynalite } = await import('../../adapters/ops/dynalite-server.ts');
        const db = await startDynalite({ path: path.join(config.dataDir, 'dynalite') });
        dynalite = db;
        config = { ...config, ops: { ...config.ops, endpoint: db.endpoint } };
      }
      const runtime = await openRuntime(config);
      const { SingleBar, Presets } = await import('cli-progress');
      const bar = globals.json
        ? undefined
        : new SingleBar(
            { stream: process.stderr, format: '{file} [{bar}] {value}/{total} rows', hideCursor: true },
            Presets.shades_classic,
          );
      let started = false;
      try {
        const outcomes = await ingestLocalFiles(runtime, files, {
          dataset: flags.dataset,
          district,
          onProgress: bar
            ? (file, done, total) => {
                if (!started) {
                  bar.start(total, 0, { file: path.basename(file) });
                  started = true;
                }
                bar.update(done, { file: path.basename(file) });
                if (done >= total) {
                  bar.stop();
                  started = false;
                }
              }
            : undefined,
        });
        const { outcomeJsonLine } = await import('../../pipeline/ingest/batch-outcome.ts');
        for (const outcome of outcomes) process.stdout.write(`${globals.json ? outcomeJsonLine(outcome) : summary(outcome)}\n`);
        process.exitCode = exitCodeOf(outcomes);
      } finally {
        if (started) bar?.stop();
        await runtime.close();
        await dynalite?.close();
      }
    });
}
