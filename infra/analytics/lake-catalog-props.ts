import type { IBucket } from 'aws-cdk-lib/aws-s3';

/** One Glue column, as `schemas/` generates it (`glueColumns`, `gluePartitionKeys`). */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

/** One lake table: where its Parquet files live and its columns. */
export interface LakeTableSpec {
  /** Glue table name, e.g. `service_records_versions`. */
  readonly name: string;
  /** Table comment. @default - none */
  readonly description?: string;
  /** Key prefix of the table's files in the lake bucket, ending with `/`, e.g. `curated/service_records_versions/`. */
  readonly prefix: string;
  /** Columns stored in the Parquet files. */
  readonly columns: readonly GlueColumn[];
  /**
   * Partition keys in directory order, each projected (see `keyProjection`): `year`, `month`,
   * `district`, and for run outputs `run_id` and `part`.
   */
  readonly partitionKeys: readonly GlueColumn[];
  /**
   * Lake area: `curated` (ingest), `aggregates` (published by the aggregation) or
   * `intermediates` (run outputs of the aggregation, under `aggregates/runs/`).
   * @default 'curated'
   */
  readonly area?: 'curated' | 'aggregates' | 'intermediates';
  /**
   * Path of one partition directory under `prefix`, with a `${key}` placeholder per partition key.
   * @default - the Hive path of the partition keys (`year=${year}/month=${month}/…`)
   */
  readonly partitionPath?: string;
}

/** Properties of {@link LakeCatalog}. */
export interface LakeCatalogProps {
  /** The lake bucket. */
  readonly lake: IBucket;
  /** The tables, generated from `schemas/` (see `lakeTableSpecs()`). */
  readonly tables: readonly LakeTableSpec[];
  /**
   * Glue database name.
   * @default 'redvest'
   */
  readonly databaseName?: string;
  /**
   * Values of the projected `district` partition.
   * @default - the 11 reporting district slugs plus `city`
   */
  readonly districts?: readonly string[];
  /**
   * First year of the projected `year` partition (the range runs to the current year, `NOW`).
   * @default 2015
   */
  readonly firstYear?: number;
}
