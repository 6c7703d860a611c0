/**
 * Encodes rows of a lake table into one Parquet file with hyparquet-writer (pure
 * JavaScript: the ingest bundle carries no DuckDB). The schema comes from
 * `parquetSchema(table)`; partition columns are not in the files.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { type ColumnDef, parquetSchema, type TableDef } from '../../schemas/contract.ts';

/** A lake row: file columns by name (partition keys are ignored). */
export type LakeRow = Record<string, string | number | boolean | null | undefined>;

const DAY_MS = 86_400_000;

/** Rows per row group: bounded, so readers and the writer never hold a whole file's pages at once. */
export const ROW_GROUP_ROWS = 25_000;

/**
 * Converts one column's values to what hyparquet-writer encodes for its storage type.
 *
 * @example
 * columnValues({ name: 'd', sql: 'date', nullable: false, zh: '', en: '' }, ['1970-01-02']); // [1]
 */
export function columnValues(column: ColumnDef, values: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (!column.nullable) throw new Error(`column ${column.name} is not nullable (row ${i})`);
      out[i] = null;
      continue;
    }
    switch (column.sql) {
      case 'date':
        out[i] = Math.round(Date.parse(`${String(v)}T00:00:00Z`) / DAY_MS);
        break;
      case 'timestamp':
        out[i] = typeof v === 'number' ? v : Date.parse(String(v));
        break;
      case 'string':
        out[i] = String(v);
        break;
      case 'boolean':
        out[i] = Boolean(v);
        break;
      case 'bigint':
        out[i] = BigInt(v as number);
        break;
      default:
        out[i] = Number(v);
    }
  }
  return out;
}

/**
 * Encodes columnar data (one array per file column) as a Parquet file.
 *
 * @example
 * const bytes = encodeParquet(projectsVersionsTable, { project_code: ['P1'], … });
 */
export function encodeParquet(table: TableDef, columns: Record<string, readonly unknown[]>, rowCount: number): Uint8Array {
  const writer = new ByteWriter();
  const schema = parquetSchema(table);
  const parquet = new ParquetWriter({ writer, schema: schema as never, createdBy: 'redvest ingest (hyparquet-writer)' });
  const columnData = table.columns.map((c) => {
    const values = columns[c.name] ?? new Array(rowCount).fill(null);
    if (values.length !== rowCount) throw new Error(`column ${c.name} has ${values.length} values, expected ${rowCount}`);
    return { name: c.name, data: columnValues(c, values) as never, nullable: c.nullable };
  });
  parquet.write({ columnData, rowGroupSize: ROW_GROUP_ROWS });
  parquet.finish();
  return writer.getBytes();
}
