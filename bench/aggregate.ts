/**
 * Aggregation benchmark on DuckDB:
 * - full refresh over N generated service records (default 10,000,000 over 24 months, 11
 *   districts): seconds and records/s;
 * - incremental refresh after one new month arrives on top of the 24: curated Parquet bytes
 *   it reads as a share of the full refresh (goal ≤ 1.5/24) and the Athena cost per nightly
 *   run this implies at $5/TB (10 MB minimum per query).
 *
 * Run: `node --import tsx bench/aggregate.ts [records]`.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FsBlobStore } from '../adapters/blob/fs-blob-store.ts';
import { DuckDbEngine } from '../adapters/query/duckdb-engine.ts';
import type { BatchFacts } from '../pipeline/aggregate/batch-facts.ts';
import { duckDbLakeIo } from '../pipeline/aggregate/lake-io.ts';
import { runAggregation } from '../pipeline/aggregate/run-aggregation.ts';
import { pointerFileCatalog } from '../pipeline/aggregate/snapshot.ts';
import { duckdbType } from '../schemas/contract.ts';
import { CURATED_TABLES } from '../schemas/tables.ts';

const DISTRICTS = [
  'luohu',
  'futian',
  'nanshan',
  'baoan',
  'longgang',
  'yantian',
  'longhua',
  'pingshan',
  'guangming',
  'dapeng',
  'shenshan',
];
const ATHENA_USD_PER_TB = 5;
const ATHENA_MIN_BYTES = 10 * 1024 * 1024;

export interface AggregateBenchResult {
  records: number;
  fullSeconds: number;
  recordsPerSecond: number;
  fullBytes: number;
  incrementalSeconds: number;
  incrementalBytes: number;
  /** incrementalBytes ÷ fullBytes; goal ≤ 1.5/24 = 0.0625. */
  incrementalShare: number;
  goalShare: number;
  /** Parquet bytes all statements of the full / incremental run were bound to (curated + intermediate, every column). */
  fullStatementBytes: number;
  incrementalStatementBytes: number;
  /** Statements of the incremental run. */
  incrementalStatements: number;
  /** What Athena would bill for the incremental run: each statement max(10 MB, its bytes). */
  athenaBilledBytesPerNightlyRun: number;
  /** athenaBilledBytesPerNightlyRun at $5/TB. */
  athenaUsdPerNightlyRun: number;
  /** Seconds of each step of the full refresh (intermediates, each aggregate table, profiles). */
  fullStepSeconds: Record<string, number>;
}

/** SELECT list of a curated table from generated expressions (unlisted columns NULL). */
function selectOf(table: string, expressions: Record<string, string>): string {
  const def = CURATED_TABLES[table]!;
  return [...def.columns, ...def.partitionKeys]
    .map((c) => `CAST(${expressions[c.name] ?? 'NULL'} AS ${duckdbType(c.sql)}) AS ${c.name}`)
    .join(',\n  ');
}

/** Service records of month index `mi` (0 = 2024-01) numbered from `first`. */
function serviceSelect(first: number, count: number, monthExpr: string, batchTag: string, people: number): string {
  const person = `(hash(i) % ${people})`;
  return `SELECT ${selectOf('service_records_versions', {
    record_id: `'R' || CAST(i AS VARCHAR)`,
    street_code: `'4403' || lpad(CAST(i % 11 AS VARCHAR), 2, '0') || lpad(CAST(1 + (i // 11) % 8 AS VARCHAR), 3, '0')`,
    volunteer_key: `CASE WHEN ${person} % 5 = 0 THEN md5('n' || CAST(${person} AS VARCHAR)) ELSE md5(CAST(${person} AS VARCHAR)) END`,
    id_kind: `CASE WHEN ${person} % 5 = 0 THEN 'volunteer_number' ELSE 'id_number' END`,
    project_code: `'P-' || lpad(CAST(i % 40 AS VARCHAR), 3, '0')`,
    category: `'community_service'`,
    service_date: `make_date(2024 + (${monthExpr}) // 12, 1 + (${monthExpr}) % 12, 1 + (i // 24) % 28)`,
    hours: `(1 + i % 16) / 4`,
    beneficiaries: `i % 20`,
    beneficiary_group: `CASE WHEN i % 5 = 0 THEN NULL ELSE list_element(['elderly', 'disabled', 'children', 'general_public'], 1 + i % 4) END`,
    funding: `CASE WHEN i % 3 = 0 THEN 'government_purchase' ELSE 'self_funded' END`,
    contract_id: `CASE WHEN i % 3 = 0 THEN 'GC-' || CAST(i % 10 AS VARCHAR) END`,
    status: `CASE WHEN i % 10 < 8 THEN 'approved' WHEN i % 10 = 8 THEN 'pending' ELSE 'not_approved' END`,
    row_hash: `md5(CAST(i AS VARCHAR))`,
    batch_id: `'${batchTag}-' || CAST(${monthExpr} AS VARCHAR)`,
    batch_received_at: `make_timestamp(2024 + (${monthExpr} + 1) // 12, 1 + (${monthExpr} + 1) % 12, 5, 2, 0, 0)`,
    ingested_at: `make_timestamp(2024 + (${monthExpr} + 1) // 12, 1 + (${monthExpr} + 1) % 12, 5, 2, 10, 0)`,
    version: `'v' || CAST(${monthExpr} AS VARCHAR)`,
    tombstone: 'false',
    source_row: 'i % 100000',
    year: `CAST(2024 + (${monthExpr}) // 12 AS VARCHAR)`,
    month: `lpad(CAST(1 + (${monthExpr}) % 12 AS VARCHAR), 2, '0')`,
    district: `list_element(${JSON.stringify(DISTRICTS).replaceAll('"', "'")}, 1 + CAST(i % 11 AS INTEGER))`,
  })} FROM range(${first}, ${first + count}) AS r(i)`;
}

/** Volunteers in a generated lake: one per {@link RECORDS_PER_PERSON} records (400,000 at 10M records). */
const RECORDS_PER_PERSON = 25;

/** Registered people (and service volunteers) for a record count. */
export function peopleFor(records: number): number {
  return Math.max(100, Math.ceil(records / RECORDS_PER_PERSON));
}

export async function writeLake(engine: DuckDbEngine, lakeDir: string, records: number): Promise<void> {
  const people = peopleFor(records);
  const curated = (t: string) => path.join(lakeDir, 'curated', t);
  for (const t of Object.keys(CURATED_TABLES)) await mkdir(curated(t), { recursive: true });
  const partitioned = (pattern: string) =>
    `FORMAT parquet, PARTITION_BY (year, month, district), FILENAME_PATTERN '${pattern}-{i}', OVERWRITE_OR_IGNORE true`;
  await engine.execute(
    `COPY (${serviceSelect(0, records, 'CAST(i % 24 AS INTEGER)', 'full', people)}) TO '${curated('service_records_versions')}' (${partitioned('base')})`,
  );
  const person = 'i';
  await engine.execute(
    `COPY (SELECT ${selectOf('registrations_versions', {
      registration_key: `CASE WHEN ${person} % 5 = 0 THEN 'N#' || md5('n' || CAST(i AS VARCHAR)) ELSE 'I#' || md5(CAST(i AS VARCHAR)) END`,
      id_key: `CASE WHEN ${person} % 10 = 5 THEN NULL ELSE md5(CAST(i AS VARCHAR)) END`,
      number_key: `CASE WHEN ${person} % 5 = 0 THEN md5('n' || CAST(i AS VARCHAR)) END`,
      volunteer_key: `CASE WHEN ${person} % 10 = 5 THEN md5('n' || CAST(i AS VARCHAR)) ELSE md5(CAST(i AS VARCHAR)) END`,
      street_code: `'440304001'`,
      registered_on: `make_date(2020 + (i % 48) // 12, 1 + (i % 48) % 12, 1 + i % 28)`,
      row_hash: `md5(CAST(i AS VARCHAR))`,
      batch_id: `'reg'`,
      batch_received_at: `TIMESTAMP '2024-01-01 00:00:00'`,
      ingested_at: `TIMESTAMP '2024-01-01 00:00:00'`,
      version: `'v0'`,
      tombstone: 'false',
      source_row: 'i',
      year: `CAST(2020 + (i % 48) // 12 AS VARCHAR)`,
      month: `lpad(CAST(1 + (i % 48) % 12 AS VARCHAR), 2, '0')`,
      district: `list_element(${JSON.stringify(DISTRICTS).replaceAll('"', "'")}, 1 + CAST(i % 11 AS INTEGER))`,
    })} FROM range(0, ${people}) AS r(i)) TO '${curated('registrations_versions')}' (${partitioned('reg')})`,
  );
  await engine.execute(
    `COPY (SELECT ${selectOf('contracts_versions', {
      contract_id: `'GC-' || CAST(i AS VARCHAR)`,
      funder: `'民政局'`,
      funder_type: `'government'`,
      start_date: `DATE '2024-01-01'`,
      end_date: `DATE '2026-06-30'`,
      budget_cny: '1000000',
      target_hours: '200000',
      target_volunteers: '5000',
      target_beneficiaries: '100000',
      row_hash: `'h'`,
      batch_id: `'ref'`,
      batch_received_at: `TIMESTAMP '2023-12-01 00:00:00'`,
      ingested_at: `TIMESTAMP '2023-12-01 00:00:00'`,
      version: `'v0'`,
      tombstone: 'false',
      source_row: 'i',
    })} FROM range(0, 10) AS r(i)) TO '${curated('contracts_versions')}/ref-0.parquet' (FORMAT parquet)`,
  );
  await engine.execute(
    `COPY (SELECT ${selectOf('projects_versions', {
      project_code: `'P-' || lpad(CAST(i AS VARCHAR), 3, '0')`,
      name_zh: `'项目'`,
      category: `'community_service'`,
      district: `'all'`,
      start_date: `DATE '2024-01-01'`,
      row_hash: `'h'`,
      batch_id: `'ref'`,
      batch_received_at: `TIMESTAMP '2023-12-01 00:00:00'`,
      ingested_at: `TIMESTAMP '2023-12-01 00:00:00'`,
      version: `'v0'`,
      tombstone: 'false',
      source_row: 'i',
    })} FROM range(0, 40) AS r(i)) TO '${curated('projects_versions')}/ref-0.parquet' (FORMAT parquet)`,
  );
}

function fact(
  batchId: string,
  months: string[],
  completedAt: string,
  dataset: BatchFacts['dataset'] = 'service_records',
): BatchFacts {
  return {
    batchId,
    dataset,
    district: 'futian',
    receivedAt: completedAt,
    completedAt,
    months,
    received: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    corrections: 0,
    rejectCodes: {},
  };
}

/**
 * Runs the benchmark in a temporary lake and returns its figures.
 *
 * @example
 * const result = await runAggregateBench({ records: 1_000_000 });
 * result.incrementalShare <= result.goalShare;
 */
export async function runAggregateBench(options: { records?: number } = {}): Promise<AggregateBenchResult> {
  const records = options.records ?? 10_000_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rv-agg-bench-'));
  const engine = await DuckDbEngine.create();
  try {
    const lake = new FsBlobStore(`file://${path.join(dir, 'lake')}`);
    await writeLake(engine, lake.root, records);
    const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    let batches: BatchFacts[] = [
      fact('full', months, '2025-12-31T00:00:00.000Z'),
      fact('reg', [], '2025-12-31T00:00:00.000Z', 'registrations'),
    ];
    const deps = {
      engine,
      lake,
      io: duckDbLakeIo(engine, lake),
      catalog: pointerFileCatalog(lake),
      batches: { completedBatches: async () => batches },
      config: { hourlyWageCny: 22.2 },
    };
    const fullStepSeconds: Record<string, number> = {};
    let stepStarted = Date.now();
    const full = await runAggregation(
      {
        ...deps,
        afterStep: (step) => {
          fullStepSeconds[step] = (Date.now() - stepStarted) / 1000;
          stepStarted = Date.now();
        },
      },
      { full: true },
    );

    // One new month (2026-01) arrives: records ÷ 24 more.
    const monthly = Math.round(records / 24);
    await engine.execute(
      `COPY (${serviceSelect(records, monthly, '24', 'inc', peopleFor(records))}) TO '${path.join(lake.root, 'curated', 'service_records_versions')}' (FORMAT parquet, PARTITION_BY (year, month, district), FILENAME_PATTERN 'inc-{i}', OVERWRITE_OR_IGNORE true)`,
    );
    batches = [...batches, fact('inc', ['2026-01'], '2026-02-05T02:00:00.000Z')];
    const incremental = await runAggregation(deps);
    const sum = (bytes: Record<string, number>) => Object.values(bytes).reduce((a, b) => a + b, 0);
    const billed = Object.values(incremental.statementBytes).reduce((a, b) => a + Math.max(b, ATHENA_MIN_BYTES), 0);
    return {
      records,
      fullSeconds: full.seconds,
      recordsPerSecond: records / full.seconds,
      fullBytes: full.curatedBytesRead,
      incrementalSeconds: incremental.seconds,
      incrementalBytes: incremental.curatedBytesRead,
      incrementalShare: incremental.curatedBytesRead / full.curatedBytesRead,
      goalShare: 1.5 / 24,
      fullStatementBytes: sum(full.statementBytes),
      incrementalStatementBytes: sum(incremental.statementBytes),
      incrementalStatements: Object.keys(incremental.statementBytes).length,
      athenaBilledBytesPerNightlyRun: billed,
      athenaUsdPerNightlyRun: (billed / 1e12) * ATHENA_USD_PER_TB,
      fullStepSeconds,
    };
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const records = process.argv[2] ? Number(process.argv[2]) : undefined;
  const result = await runAggregateBench({ records });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
