/** Test support: reads the current snapshot's aggregate tables as plain, comparable rows. */
import type { BlobStore, QueryEngine } from '../../../../adapters/ports.ts';
import { duckDbLakeIo } from '../../../../pipeline/aggregate/lake-io.ts';
import { pointerFileCatalog } from '../../../../pipeline/aggregate/snapshot.ts';
import { AGGREGATE_TABLES } from '../../../../schemas/tables.ts';
import type { Row } from './reference.ts';
import { TABLE_KEYS } from './reference.ts';

function plain(value: unknown): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12));
  return value as string | boolean;
}

/** Rows normalised (numbers rounded to 12 significant digits) and sorted by the table's key. */
export function normalise(table: string, rows: Record<string, unknown>[]): Row[] {
  const keys = TABLE_KEYS[table]!;
  const columns = AGGREGATE_TABLES[table]!.columns.map((c) => c.name);
  return rows
    .map((row) => Object.fromEntries(columns.map((c) => [c, plain(row[c])])) as Row)
    .sort((a, b) =>
      keys
        .map((k) => String(a[k]))
        .join('|')
        .localeCompare(keys.map((k) => String(b[k])).join('|')),
    );
}

/**
 * Every aggregate table of the current snapshot.
 *
 * @example
 * const tables = await readCurrentTables(engine, lake);
 */
export async function readCurrentTables(engine: QueryEngine, lake: BlobStore): Promise<Record<string, Row[]>> {
  const snapshot = await pointerFileCatalog(lake).current();
  if (!snapshot) throw new Error('no snapshot');
  const io = duckDbLakeIo(engine, lake);
  const out: Record<string, Row[]> = {};
  for (const table of Object.keys(AGGREGATE_TABLES)) {
    const { relation } = await io.outputs(AGGREGATE_TABLES[table]!, [snapshot.tables[table]!]);
    out[table] = normalise(table, await engine.query(`SELECT * FROM ${relation} AS t`));
  }
  return out;
}
