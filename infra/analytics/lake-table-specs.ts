/**
 * Lake tables for the Glue catalog, generated from the data contract in `schemas/`: no column
 * list is written here.
 */

import { RUNS_PREFIX, runTablePrefix } from '../../pipeline/aggregate/snapshot.ts';
import { type GlueColumn, glueColumns, gluePartitionKeys, type TableDef } from '../../schemas/contract.ts';
import type { LakeTableSpec } from './lake-catalog-props.ts';
import { hivePartitionPath } from './partition-projection.ts';

/** Lake tables grouped by the lake area their files live in. */
export interface LakeTableGroups {
  /** Curated tables (every version of every record), files under `curated/<name>/`. */
  curated: Record<string, TableDef>;
  /** Aggregate tables, files under `aggregates/<name>/` (switched to a run's prefix on publish). */
  aggregates: Record<string, TableDef>;
  /**
   * Intermediate tables of the aggregation, written per run under
   * `aggregates/runs/<run_id>/<name>/part-<n>/` and then by their own partition keys.
   * @default {}
   */
  intermediates?: Record<string, TableDef>;
}

/** Partition keys that place a run output: the run and the statement part that wrote it. */
export const RUN_LAYOUT_KEYS: readonly GlueColumn[] = [
  { name: 'run_id', type: 'string', comment: '运行编号 / Aggregation run id' },
  { name: 'part', type: 'string', comment: '语句分段 / Statement part of the run' },
];

/**
 * The partition path of an intermediate table under `aggregates/runs/`, as the aggregation
 * writes it: `<run_id>/<table>/part-<n>/` then the table's own Hive partitions.
 *
 * @example
 * runOutputPartitionPath(intVolunteerMonth); // '${run_id}/int_volunteer_month/part-${part}/month=${month}/'
 */
export function runOutputPartitionPath(table: TableDef): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's projection template syntax
  const runPrefix = runTablePrefix('${run_id}', table.name).slice(`${RUNS_PREFIX}/`.length);
  return `${runPrefix}part-\${part}/${hivePartitionPath(table.partitionKeys.map((key) => key.name))}`;
}

/**
 * Glue table specs of the lake tables.
 *
 * @example
 * lakeTableSpecs({ curated: CURATED_TABLES, aggregates: AGGREGATE_TABLES }).map((spec) => spec.prefix);
 * // ['curated/service_records_versions/', …, 'aggregates/agg_participation/', …]
 */
export function lakeTableSpecs(groups: LakeTableGroups): LakeTableSpec[] {
  const spec = (area: 'curated' | 'aggregates', table: TableDef): LakeTableSpec => ({
    name: table.name,
    description: `${table.zh} / ${table.en}`,
    prefix: `${area}/${table.name}/`,
    area,
    columns: glueColumns(table).map(withoutEmptyComment),
    partitionKeys: gluePartitionKeys(table).map(withoutEmptyComment),
  });
  const intermediate = (table: TableDef): LakeTableSpec => ({
    name: table.name,
    description: `${table.zh} / ${table.en} (query with run_id = '<run>')`,
    prefix: `${RUNS_PREFIX}/`,
    area: 'intermediates',
    columns: glueColumns(table).map(withoutEmptyComment),
    partitionKeys: [...RUN_LAYOUT_KEYS, ...gluePartitionKeys(table).map(withoutEmptyComment)],
    partitionPath: runOutputPartitionPath(table),
  });
  return [
    ...Object.values(groups.curated).map((table) => spec('curated', table)),
    ...Object.values(groups.aggregates).map((table) => spec('aggregates', table)),
    ...Object.values(groups.intermediates ?? {}).map(intermediate),
  ];
}

function withoutEmptyComment(column: GlueColumn): GlueColumn {
  return column.comment === undefined || column.comment === '' ? { name: column.name, type: column.type } : column;
}
