/**
 * Per-run Glue tables for Athena: a table over exactly the locations a statement must read
 * (the intermediate months of this run and of earlier runs, or one aggregate output), created
 * before that statement runs. The name is derived from the locations, so a retried run reuses
 * its tables, and nothing a reader sees changes until the catalog publishes.
 *
 * Why not partition projection on the intermediates: their months live under different runs
 * (an incremental run rewrites only the touched months), which no run-independent location
 * template can express; explicit partitions with one location each can.
 */
import { createHash } from 'node:crypto';
import { AlreadyExistsException, BatchCreatePartitionCommand, CreateTableCommand, type GlueClient } from '@aws-sdk/client-glue';
import type { RunTableRegistry } from '../../pipeline/aggregate/lake-io.ts';
import type { TableDef } from '../../schemas/contract.ts';
import { gluePartitionColumns, parquetStorage } from './glue-table-input.ts';

/** Partitions per BatchCreatePartition call (the API's maximum). */
const PARTITIONS_PER_CALL = 100;

/**
 * The run table's name: the table's name and a digest of its sorted locations.
 *
 * @example
 * runTableName('int_volunteer_month', ['s3://lake/aggregates/runs/r1/int_volunteer_month/part-0/month=2026-01/']);
 * // 'int_volunteer_month__run_3f0c…' (16 hex digits)
 */
export function runTableName(table: string, locations: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...locations].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  return `${table}__run_${digest}`;
}

function commonPrefix(locations: readonly string[]): string {
  if (locations.length === 0) return '';
  let prefix = locations[0]!;
  for (const l of locations) while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}

/**
 * Registers run tables in a Glue database.
 *
 * @example
 * const io = athenaLakeIo(engine, lake, 'redvest', glueRunTables(new GlueClient({}), 'redvest'));
 */
export function glueRunTables(client: GlueClient, database: string): RunTableRegistry {
  return {
    async register(table: TableDef, locations) {
      const keys = table.partitionKeys.map((c) => c.name);
      if (keys.length > 1 || (keys.length === 1 && keys[0] !== 'month'))
        throw new Error(`run table ${table.name}: only tables partitioned by month are supported`);
      if (keys.length === 0 && locations.length !== 1)
        throw new Error(`run table ${table.name}: an unpartitioned table needs exactly one location`);
      const partitions = locations.map((location) => {
        const month = /month=([^/]+)\/$/.exec(location)?.[1];
        if (keys.length === 1 && month === undefined)
          throw new Error(`run table ${table.name}: ${location} is not a month partition`);
        return { location, month: month ?? '' };
      });
      const name = runTableName(table.name, locations);
      try {
        await client.send(
          new CreateTableCommand({
            DatabaseName: database,
            TableInput: {
              Name: name,
              Description: `${table.name} for one aggregation run`,
              TableType: 'EXTERNAL_TABLE',
              Parameters: { classification: 'parquet', EXTERNAL: 'TRUE', redvest_run_table_of: table.name },
              PartitionKeys: gluePartitionColumns(table),
              StorageDescriptor: parquetStorage(table, keys.length === 0 ? locations[0]! : commonPrefix(locations)),
            },
          }),
        );
      } catch (error) {
        // Same name = same locations: a retry. Partitions are (re)created below all the same.
        if (!(error instanceof AlreadyExistsException)) throw error;
      }
      if (keys.length === 0) return name;
      for (let i = 0; i < partitions.length; i += PARTITIONS_PER_CALL) {
        const { Errors } = await client.send(
          new BatchCreatePartitionCommand({
            DatabaseName: database,
            TableName: name,
            PartitionInputList: partitions.slice(i, i + PARTITIONS_PER_CALL).map((p) => ({
              Values: [p.month],
              StorageDescriptor: parquetStorage(table, p.location),
            })),
          }),
        );
        const failed = (Errors ?? []).filter((e) => e.ErrorDetail?.ErrorCode !== 'AlreadyExistsException');
        if (failed.length > 0)
          throw new Error(
            `run table ${name}: ${failed.length} partition(s) not created: ${failed[0]?.ErrorDetail?.ErrorCode ?? ''} ${failed[0]?.ErrorDetail?.ErrorMessage ?? ''}`.trim(),
          );
      }
      return name;
    },
  };
}
