/**
 * Lake tables for the Glue catalog, generated from the data contract in `schemas/`: no column
 * list is written here.
 */
import { type GlueColumn, glueColumns, gluePartitionKeys, type TableDef } from '../../schemas/contract.ts';
import type { LakeTableSpec } from './lake-catalog-props.ts';

/** Lake tables grouped by the lake area their files live in. */
export interface LakeTableGroups {
  /** Curated tables (every version of every record), files under `curated/<name>/`. */
  curated: Record<string, TableDef>;
  /** Aggregate tables, files under `aggregates/<name>/`. */
  aggregates: Record<string, TableDef>;
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
    columns: glueColumns(table).map(withoutEmptyComment),
    partitionKeys: gluePartitionKeys(table).map(withoutEmptyComment),
  });
  return [
    ...Object.values(groups.curated).map((table) => spec('curated', table)),
    ...Object.values(groups.aggregates).map((table) => spec('aggregates', table)),
  ];
}

function withoutEmptyComment(column: GlueColumn): GlueColumn {
  return column.comment === undefined || column.comment === '' ? { name: column.name, type: column.type } : column;
}
