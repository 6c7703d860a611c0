/**
 * Where curated Parquet lives in the lake store: one function per key shape, used by ingest
 * (writes), the aggregation job and the query engine (reads). Partition values are ASCII
 * (`year=YYYY/month=MM/district={slug}`), never Chinese text.
 */
import type { TableDef } from '../../schemas/contract.ts';

/** Root of the curated tables. */
export const CURATED_PREFIX = 'curated';
/** Root of staged (not yet visible) batch files. */
export const STAGING_PREFIX = 'staging';

/** Partition of a per-district table; undefined for the federation-level tables. */
export interface LakePartition {
  year: string;
  month: string;
  district: string;
}

/**
 * The partition of a day in a district.
 *
 * @example
 * partitionOf('2026-03-05', 'futian'); // { year: '2026', month: '03', district: 'futian' }
 */
export function partitionOf(isoDate: string, district: string): LakePartition {
  return { year: isoDate.slice(0, 4), month: isoDate.slice(5, 7), district };
}

/** True when the table is partitioned by year/month/district. */
export function isPartitioned(table: TableDef): boolean {
  return table.partitionKeys.length > 0;
}

/**
 * Relative directory of a table partition (no store prefix, no trailing slash).
 *
 * @example
 * partitionPath({ year: '2026', month: '03', district: 'futian' }); // 'year=2026/month=03/district=futian'
 */
export function partitionPath(partition: LakePartition | undefined): string {
  return partition ? `year=${partition.year}/month=${partition.month}/district=${partition.district}` : '';
}

/**
 * Name of the n-th file a batch writes into one partition (n may be a composite such as `2-0005`).
 *
 * @example
 * batchFileName('b-1', '0-0001'); // 'b-1-0-0001.parquet'
 */
export function batchFileName(batchId: string, n: string | number): string {
  return `${batchId}-${n}.parquet`;
}

/**
 * Key of a curated file: `curated/{table}/year=/month=/district=/{batch}-{n}.parquet` for
 * per-district tables, `curated/{table}/{batch}-{n}.parquet` for federation-level ones.
 *
 * @example
 * curatedFileKey('service_records_versions', { year: '2026', month: '03', district: 'futian' }, 'b-1-0-0001.parquet');
 * // 'curated/service_records_versions/year=2026/month=03/district=futian/b-1-0-0001.parquet'
 */
export function curatedFileKey(table: string, partition: LakePartition | undefined, fileName: string): string {
  const dir = partitionPath(partition);
  return dir ? `${CURATED_PREFIX}/${table}/${dir}/${fileName}` : `${CURATED_PREFIX}/${table}/${fileName}`;
}

/** Prefix of every staged file of a batch. */
export function stagingPrefix(batchId: string): string {
  return `${STAGING_PREFIX}/${batchId}/`;
}

/**
 * Key of a staged file: the curated key under `staging/{batch_id}/`, so promotion is a
 * prefix swap.
 *
 * @example
 * stagingFileKey('b-1', 'curated/projects_versions/b-1-0-0001.parquet');
 * // 'staging/b-1/curated/projects_versions/b-1-0-0001.parquet'
 */
export function stagingFileKey(batchId: string, curatedKey: string): string {
  return `${stagingPrefix(batchId)}${curatedKey}`;
}

/**
 * The curated key a staged key is promoted to.
 *
 * @example
 * curatedKeyOfStaged('b-1', 'staging/b-1/curated/x/f.parquet'); // 'curated/x/f.parquet'
 */
export function curatedKeyOfStaged(batchId: string, stagedKey: string): string {
  const prefix = stagingPrefix(batchId);
  if (!stagedKey.startsWith(prefix)) throw new Error(`${stagedKey} is not staged for batch ${batchId}`);
  return stagedKey.slice(prefix.length);
}

/** Prefix of every file of a curated table. */
export function curatedTablePrefix(table: string): string {
  return `${CURATED_PREFIX}/${table}/`;
}

/**
 * A glob over every file of a curated table for DuckDB's `read_parquet` (with
 * `hive_partitioning = true` on partitioned tables), given the store location of its prefix.
 *
 * @example
 * curatedGlob(lake.locationOf(curatedTablePrefix('service_records_versions')), serviceRecordsVersionsTable);
 * // '/data/lake/curated/service_records_versions/∗/∗/∗/∗.parquet'
 */
export function curatedGlob(tableLocation: string, table: TableDef): string {
  const base = tableLocation.endsWith('/') ? tableLocation : `${tableLocation}/`;
  return isPartitioned(table) ? `${base}*/*/*/*.parquet` : `${base}*.parquet`;
}
