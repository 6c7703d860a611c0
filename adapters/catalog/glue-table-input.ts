/**
 * Glue table definitions shared by the catalog adapters: the Parquet storage descriptor of a
 * table at a location, and the TableInput that UpdateTable needs from a table GetTable returned.
 */
import type { StorageDescriptor, Table, TableInput } from '@aws-sdk/client-glue';
import { glueColumns, gluePartitionKeys, type TableDef } from '../../schemas/contract.ts';

/**
 * Parquet storage at a location (the same formats the infrastructure declares).
 *
 * @example
 * parquetStorage(aggParticipation, 's3://lake/aggregates/runs/r1/agg_participation/').Location;
 */
export function parquetStorage(table: TableDef, location: string): StorageDescriptor {
  return {
    Location: location,
    Columns: glueColumns(table).map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment })),
    InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    SerdeInfo: {
      SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      Parameters: { 'serialization.format': '1' },
    },
  };
}

/** The Glue partition keys of a table. */
export function gluePartitionColumns(table: TableDef) {
  return gluePartitionKeys(table).map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment }));
}

/**
 * The TableInput that keeps everything of a table but its location and some parameters.
 *
 * @example
 * tableInputAt(table, 's3://lake/aggregates/runs/r2/agg_participation/', { redvest_run_id: 'r2' });
 */
export function tableInputAt(table: Table, location: string, parameters: Record<string, string>): TableInput {
  return {
    Name: table.Name,
    Description: table.Description,
    Owner: table.Owner,
    Retention: table.Retention,
    TableType: table.TableType,
    PartitionKeys: table.PartitionKeys,
    StorageDescriptor: { ...table.StorageDescriptor, Location: location },
    Parameters: { ...table.Parameters, ...parameters },
  };
}
