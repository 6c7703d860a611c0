/**
 * How the aggregation SQL reaches the lake on each engine: the relations bound to the table
 * placeholders, and the statements that write a result (DuckDB `COPY … TO` Parquet, Athena
 * `UNLOAD` into an empty prefix).
 */
import { mkdir } from 'node:fs/promises';
import type { BlobStore, QueryEngine } from '../../adapters/ports.ts';
import { duckdbType, type TableDef } from '../../schemas/contract.ts';
import { curatedTablePrefix, isPartitioned } from '../lake/lake-layout.ts';
import { sqlString } from './sql-literals.ts';

/** A relation for a placeholder and the Parquet bytes it covers (as far as known). */
export interface BoundRelation {
  relation: string;
  bytes: number;
}

/** Reads and writes of one engine over the lake. */
export interface LakeIo {
  /** A curated table, limited to month partitions when `months` is given. */
  curated(table: TableDef, months?: readonly string[]): Promise<BoundRelation>;
  /** The files under some key prefixes of a run (intermediate months, aggregate tables). */
  outputs(table: TableDef, prefixes: readonly string[]): Promise<BoundRelation>;
  /** Writes a SELECT into an empty prefix, partitioned by `partitionBy` when given. */
  write(select: string, prefix: string, partitionBy?: string): Promise<void>;
}

/**
 * Makes run outputs queryable under a name on an engine that needs a catalog entry (Athena:
 * a Glue table over exactly these locations, created before the statements that read it).
 */
export interface RunTableRegistry {
  /**
   * Registers the files under `locations` (engine URLs ending with `/`; for a table partitioned
   * by `month`, one `…/month=YYYY-MM/` directory per partition) and returns the table name.
   */
  register(table: TableDef, locations: readonly string[]): Promise<string>;
}

/**
 * The predicate that limits a `year`/`month`-partitioned table to some months (prunes
 * partitions on Athena). Undefined = every month.
 *
 * @example
 * monthFilter(['2026-11', '2026-12']); // "(year = '2026' AND month IN ('11', '12'))"
 */
export function monthFilter(months?: readonly string[]): string {
  if (months === undefined) return 'TRUE';
  if (months.length === 0) return 'FALSE';
  const byYear = new Map<string, string[]>();
  for (const m of [...months].sort()) byYear.set(m.slice(0, 4), [...(byYear.get(m.slice(0, 4)) ?? []), m.slice(5, 7)]);
  return [...byYear]
    .map(([year, ms]) => `(year = ${sqlString(year)} AND month IN (${ms.map(sqlString).join(', ')}))`)
    .join(' OR ');
}

/** A typed relation with no rows (DuckDB), for a table with no files yet. */
export function emptyRelation(table: TableDef): string {
  const columns = [...table.columns, ...table.partitionKeys].map((c) => `CAST(NULL AS ${duckdbType(c.sql)}) AS ${c.name}`);
  return `(SELECT ${columns.join(', ')} LIMIT 0)`;
}

function hiveTypes(table: TableDef): string {
  return `{${table.partitionKeys.map((c) => `${sqlString(c.name)}: VARCHAR`).join(', ')}}`;
}

/** `read_parquet` over explicit locations (hive partition columns typed as VARCHAR). */
export function readParquet(table: TableDef, locations: readonly string[]): string {
  if (locations.length === 0) return emptyRelation(table);
  const list = `[${locations.map(sqlString).join(', ')}]`;
  const hive = isPartitioned(table) ? `, hive_partitioning = true, hive_types = ${hiveTypes(table)}` : '';
  return `read_parquet(${list}${hive})`;
}

function monthOfKey(key: string): string | undefined {
  const m = /year=(\d{4})\/month=(\d{2})\//.exec(key);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/**
 * LakeIo for DuckDB over a filesystem lake store: explicit file lists (so an incremental run
 * opens only the touched partitions) and `COPY … TO` Parquet.
 *
 * @example
 * const io = duckDbLakeIo(engine, runtime.stores.lake);
 * const { relation, bytes } = await io.curated(serviceRecordsVersionsTable, ['2026-11']);
 */
export function duckDbLakeIo(engine: QueryEngine, lake: BlobStore): LakeIo {
  return {
    async curated(table, months) {
      const wanted = months ? new Set(months) : undefined;
      const entries = (await lake.list(curatedTablePrefix(table.name))).filter((e) => {
        if (!e.key.endsWith('.parquet')) return false;
        if (!wanted || !isPartitioned(table)) return true;
        const month = monthOfKey(e.key);
        return month !== undefined && wanted.has(month);
      });
      entries.sort((a, b) => a.key.localeCompare(b.key));
      return {
        relation: readParquet(
          table,
          entries.map((e) => lake.locationOf(e.key)),
        ),
        bytes: entries.reduce((sum, e) => sum + e.size, 0),
      };
    },
    async outputs(table, prefixes) {
      const entries = [];
      for (const prefix of prefixes) entries.push(...(await lake.list(prefix)).filter((e) => e.key.endsWith('.parquet')));
      entries.sort((a, b) => a.key.localeCompare(b.key));
      return {
        relation: readParquet(
          table,
          entries.map((e) => lake.locationOf(e.key)),
        ),
        bytes: entries.reduce((sum, e) => sum + e.size, 0),
      };
    },
    async write(select, prefix, partitionBy) {
      const dir = lake.locationOf(prefix.replace(/\/$/, ''));
      await mkdir(dir, { recursive: true });
      const target = partitionBy ? dir : `${dir}/data.parquet`;
      const options = partitionBy ? `FORMAT parquet, PARTITION_BY (${partitionBy}), OVERWRITE_OR_IGNORE true` : 'FORMAT parquet';
      await engine.execute(`COPY (${select}) TO ${sqlString(target)} (${options})`);
    },
  };
}

/** The engine URL of a key prefix, ending with `/`. */
function prefixLocation(lake: BlobStore, prefix: string): string {
  return `${lake.locationOf(prefix.replace(/\/$/, ''))}/`;
}

/**
 * LakeIo for Athena: curated tables by their Glue names (the month predicate prunes
 * partitions, which partition projection resolves), run outputs through tables the
 * {@link RunTableRegistry} creates over exactly the run's locations (so a run reads its own
 * new intermediate months before anything is published), writes by UNLOAD.
 *
 * @example
 * const io = athenaLakeIo(engine, runtime.stores.lake, 'redvest', glueRunTables(glue, 'redvest'));
 */
export function athenaLakeIo(engine: QueryEngine, lake: BlobStore, database: string, runTables: RunTableRegistry): LakeIo {
  const qualified = (name: string) => `"${database}"."${name}"`;
  return {
    async curated(table) {
      return { relation: qualified(table.name), bytes: Number.NaN };
    },
    async outputs(table, prefixes) {
      const name = await runTables.register(
        table,
        prefixes.map((p) => prefixLocation(lake, p)),
      );
      return { relation: qualified(name), bytes: Number.NaN };
    },
    async write(select, prefix, partitionBy) {
      const partitioned = partitionBy ? `, partitioned_by = ARRAY[${sqlString(partitionBy)}]` : '';
      await engine.execute(
        `UNLOAD (${select}) TO ${sqlString(prefixLocation(lake, prefix))} WITH (format = 'PARQUET', compression = 'SNAPPY'${partitioned})`,
      );
    },
  };
}
