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
 * Hex digests (HMAC volunteer keys, row hashes): unique per row and random, so Snappy finds
 * nothing to compress in them and only costs time (measured: a third of the encoder's time
 * went to these two columns). They are written uncompressed; every other column is Snappy.
 */
const DIGEST_COLUMNS: ReadonlySet<string> = new Set(['volunteer_key', 'row_hash']);

/**
 * Min/max statistics are kept for dates, timestamps and numbers, where readers prune row
 * groups with them (`service_date BETWEEN …`). Free-text and code columns are pruned by
 * partition instead, and their statistics cost more than the rest of their encoding.
 */
function wantsStatistics(column: ColumnDef): boolean {
  return column.sql !== 'string' && column.sql !== 'boolean';
}

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
 * A Parquet file built in memory one row group at a time (hyparquet-writer's incremental
 * writer): a writer can keep a partition's file open, add a row group whenever its buffer
 * is due, and hold only encoded bytes in between.
 *
 * @example
 * const file = new ParquetFileBuilder(serviceRecordsVersionsTable);
 * file.addRowGroup({ record_id: ['R1'], … }, 1);
 * const bytes = file.finish();
 */
export class ParquetFileBuilder {
  private readonly writer = new ByteWriter();
  private readonly parquet: ParquetWriter;
  private rowCount = 0;

  constructor(private readonly table: TableDef) {
    this.parquet = new ParquetWriter({
      writer: this.writer,
      schema: parquetSchema(table) as never,
      createdBy: 'redvest ingest (hyparquet-writer)',
    });
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Encoded bytes so far (the footer not yet included). */
  get bytes(): number {
    return this.writer.offset;
  }

  /** Encodes columnar data (one array per file column, `rowCount` values each) as row groups. */
  addRowGroup(columns: Record<string, readonly unknown[]>, rowCount: number): void {
    const columnData = this.table.columns.map((c) => {
      const values = columns[c.name] ?? new Array(rowCount).fill(null);
      if (values.length !== rowCount) throw new Error(`column ${c.name} has ${values.length} values, expected ${rowCount}`);
      return {
        name: c.name,
        data: columnValues(c, values) as never,
        nullable: c.nullable,
        statistics: wantsStatistics(c),
        ...(DIGEST_COLUMNS.has(c.name) ? { codec: 'UNCOMPRESSED' as const } : {}),
      };
    });
    this.parquet.write({ columnData, rowGroupSize: ROW_GROUP_ROWS });
    this.rowCount += rowCount;
  }

  /** Writes the footer and returns the file's bytes. */
  finish(): Uint8Array {
    this.parquet.finish();
    return this.writer.getBytes();
  }
}
