/**
 * Partition projection against a real lake: a small aggregation runs on DuckDB into a temporary
 * filesystem lake, and every partition directory it (and the curated writer) produced must be
 * one the Glue table's projection yields — location template and value format alike.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../adapters/blob/fs-blob-store.ts';
import { DuckDbEngine } from '../../adapters/query/duckdb-engine.ts';
import { lakeTableSpecs } from '../../infra/analytics/lake-table-specs.ts';
import { keyProjection, projectedLocationPattern, projectionParameters } from '../../infra/analytics/partition-projection.ts';
import { duckDbLakeIo } from '../../pipeline/aggregate/lake-io.ts';
import { runAggregation } from '../../pipeline/aggregate/run-aggregation.ts';
import { type AggregateSnapshot, pointerFileCatalog } from '../../pipeline/aggregate/snapshot.ts';
import { AGGREGATE_TABLES, CURATED_TABLES, INTERMEDIATE_TABLES } from '../../schemas/tables.ts';
import { generateCuratedDataset } from '../pipeline/aggregate/support/curated-dataset.ts';
import { writeBatches } from '../pipeline/aggregate/support/write-lake.ts';

const SETTINGS = { districts: ['futian', 'nanshan', 'luohu', 'longgang', 'baoan', 'city'], firstYear: 2015 };
const specs = lakeTableSpecs({ curated: CURATED_TABLES, aggregates: AGGREGATE_TABLES, intermediates: INTERMEDIATE_TABLES });

let dir: string;
let engine: DuckDbEngine;
let snapshot: AggregateSnapshot;

/** Every directory holding a Parquet file, relative to the lake root, ending with `/`. */
async function parquetDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.parquet'))
    .map((entry) => `${path.relative(root, entry.parentPath).split(path.sep).join('/')}/`);
  return [...new Set(dirs)].sort();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rv-projection-'));
  const lake = new FsBlobStore(`file://${dir}/lake`);
  engine = await DuckDbEngine.create({ threads: 1 });
  const batches = generateCuratedDataset({ seed: 7, records: 600, persons: 60, months: 3, firstMonth: '2025-11' });
  await writeBatches(engine, lake.root, batches);
  const result = await runAggregation({
    engine,
    lake,
    io: duckDbLakeIo(engine, lake),
    catalog: pointerFileCatalog(lake),
    batches: { completedBatches: async () => batches.map((b) => b.facts) },
    config: { hourlyWageCny: 22.2 },
  });
  expect(result.status).toBe('published');
  snapshot = (await pointerFileCatalog(lake).current())!;
}, 120_000);

afterAll(async () => {
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('partition projection of int_volunteer_month', () => {
  const spec = specs.find((candidate) => candidate.name === 'int_volunteer_month')!;
  const keys = spec.partitionKeys.map((key) => key.name);
  const parameters = projectionParameters(`s3://lake/${spec.prefix}`, spec.partitionKeys, SETTINGS, spec.partitionPath);

  it('projects the month as yyyy-MM dates under the run and part directories the aggregation writes', () => {
    expect(keys).toEqual(['run_id', 'part', 'month']);
    expect(parameters).toMatchObject({
      'projection.month.type': 'date',
      'projection.month.format': 'yyyy-MM',
      'projection.month.range': '2015-01,NOW',
      'projection.month.interval.unit': 'MONTHS',
      'projection.run_id.type': 'injected',
      'projection.part.type': 'integer',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's projection template syntax
      'storage.location.template': 's3://lake/aggregates/runs/${run_id}/int_volunteer_month/part-${part}/month=${month}/',
    });
    expect(parameters['projection.month.digits']).toBeUndefined();
  });

  it('yields exactly the partition directories the aggregation wrote, with their month values', async () => {
    const written = (await parquetDirs(path.join(dir, 'lake'))).filter((d) => d.includes('/int_volunteer_month/'));
    expect(written.length).toBe(3);
    const pattern = projectedLocationPattern(parameters, keys, SETTINGS);
    const months = written.map((d) => {
      const match = pattern.exec(`s3://lake/${d}`);
      expect(match, d).not.toBeNull();
      expect(match!.groups!.run_id).toBe(snapshot.runId);
      return match!.groups!.month!;
    });
    expect(months.sort()).toEqual(Object.keys(snapshot.partitions.int_volunteer_month!).sort());
    expect(months).toEqual(expect.arrayContaining(['2025-11', '2025-12', '2026-01']));
    // The curated layout's month-of-year projection would not yield these directories.
    const curatedMonth = new RegExp(`^${keyProjection('month', ['year', 'month'], SETTINGS).valuePattern}$`);
    for (const month of months) expect(curatedMonth.test(month)).toBe(false);
  });
});

describe('partition projection of the curated tables', () => {
  it('yields every curated partition directory written as ingest lays it out', async () => {
    const written = (await parquetDirs(path.join(dir, 'lake'))).filter((d) => d.startsWith('curated/'));
    const partitioned = specs.filter((spec) => spec.area === 'curated' && spec.partitionKeys.length > 0);
    expect(partitioned.length).toBeGreaterThan(0);
    for (const spec of partitioned) {
      const keys = spec.partitionKeys.map((key) => key.name);
      const parameters = projectionParameters(`s3://lake/${spec.prefix}`, spec.partitionKeys, SETTINGS, spec.partitionPath);
      expect(parameters['projection.month.type'], spec.name).toBe('integer');
      const pattern = projectedLocationPattern(parameters, keys, SETTINGS);
      const mine = written.filter((d) => d.startsWith(spec.prefix));
      expect(mine.length, spec.name).toBeGreaterThan(0);
      for (const d of mine) expect(pattern.test(`s3://lake/${d}`), d).toBe(true);
    }
  });
});
