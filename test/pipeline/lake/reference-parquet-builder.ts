/**
 * Test support: encodes rows of a lake table into one Parquet file with hyparquet-writer's own
 * `ParquetWriter`, from arrays of values per column. The lake wrote its files this way before
 * it had its own columnar encoder (pipeline/lake/column-buffer.ts, parquet-encoder.ts); the
 * tests compare that encoder's files with this independent one. The schema comes from
 * `parquetSchema(table)`; partition columns are not in the files.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { DIGEST_COLUMNS, PLAIN_COLUMNS } from '../../../pipeline/lake/column-plan.ts';
import { ROW_GROUP_ROWS } from '../../../pipeline/lake/lake-row.ts';
import { decimalScale, epochDay } from '../../../pipeline/lake/lake-values.ts';
import { type ColumnDef, parquetSchema, type TableDef } from '../../../schemas/contract.ts';

/**
 * Min/max statistics are kept for dates, timestamps and numbers, where readers prune row
 * groups with them (`service_date BETWEEN …`). Free-text and code columns are pruned by
 * partition instead, and their statistics cost more than the rest of their encoding.
 */
function wantsStatistics(column: ColumnDef): boolean {
  return column.sql !== 'string' && column.sql !== 'boolean';
}

function checkNullable(column: ColumnDef, row: number): null {
  if (!column.nullable) throw new Error(`column ${column.name} is not nullable (row ${row})`);
  return null;
}

/**
 * Converts one column's values to what hyparquet-writer encodes for its storage type:
 * days since the epoch for dates, epoch milliseconds as bigint for timestamps, unscaled
 * bigints for decimals (exactly as hyparquet-writer scales numbers), strings, booleans,
 * numbers. A column whose values need no conversion is returned as is.
 *
 * @example
 * columnValues({ name: 'd', sql: 'date', nullable: false, zh: '', en: '' }, ['1970-01-02']); // [1]
 */
export function columnValues(column: ColumnDef, values: readonly unknown[]): readonly unknown[] {
  const n = values.length;
  switch (column.sql) {
    case 'string': {
      // Usually every value is already a string (or null): no copy.
      let i = 0;
      for (; i < n; i++) {
        const v = values[i];
        if (typeof v !== 'string' && (v !== null || !column.nullable)) break;
      }
      if (i === n) return values;
      return convertEach(column, values, (v) => String(v));
    }
    case 'date':
      return convertEach(column, values, (v) => epochDay(String(v)));
    case 'timestamp': {
      // A batch's timestamps are one value repeated on every row: convert it once.
      let lastText: unknown;
      let lastMs = 0n;
      return convertEach(column, values, (v) => {
        if (typeof v === 'number') return BigInt(v);
        if (v !== lastText) {
          lastText = v;
          lastMs = BigInt(Date.parse(String(v)));
        }
        return lastMs;
      });
    }
    case 'boolean':
      return convertEach(column, values, (v) => Boolean(v));
    case 'bigint':
      return convertEach(column, values, (v) => BigInt(v as number));
    case 'int':
    case 'double':
      return convertEach(column, values, (v) => (typeof v === 'number' ? v : Number(v)));
    default: {
      const scale = decimalScale(column.sql);
      const factor = 10 ** scale;
      return convertEach(column, values, (v) => BigInt(Math.round((typeof v === 'number' ? v : Number(v)) * factor)));
    }
  }
}

function convertEach(column: ColumnDef, values: readonly unknown[], convert: (v: unknown) => unknown): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? checkNullable(column, i) : convert(v);
  }
  return out;
}

const utf8 = new TextEncoder();

/**
 * A string column's values as UTF-8 byte arrays, all views of one buffer filled by
 * `encodeInto` (a fraction of the cost of one `TextEncoder.encode` per value).
 */
function utf8Values(values: readonly unknown[]): unknown[] {
  let units = 0;
  for (const v of values) if (typeof v === 'string') units += v.length;
  // One byte per UTF-16 unit when ASCII (hex digests, ids); retried at the UTF-8 bound of three.
  for (const perUnit of [1, 3]) {
    const buffer = new Uint8Array(units * perUnit);
    const out = new Array<unknown>(values.length);
    let offset = 0;
    let fits = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') {
        out[i] = v;
        continue;
      }
      const { read, written } = utf8.encodeInto(v, buffer.subarray(offset));
      if (read !== v.length) {
        fits = false;
        break;
      }
      out[i] = buffer.subarray(offset, offset + written);
      offset += written;
    }
    if (fits) return out;
  }
  throw new Error('unreachable: three bytes per UTF-16 unit always fit');
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
      const plain = PLAIN_COLUMNS.has(c.name);
      const converted = columnValues(c, values);
      return {
        name: c.name,
        data: (plain && c.sql === 'string' ? utf8Values(converted) : converted) as never,
        nullable: c.nullable,
        statistics: wantsStatistics(c),
        ...(plain ? { encoding: 'PLAIN' as const } : {}),
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
