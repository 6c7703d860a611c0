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
 * Columns whose values are (nearly) unique per row: a dictionary never halves their size,
 * so hyparquet-writer's sampling pass only ever rejects it. They are written PLAIN outright,
 * strings as UTF-8 bytes encoded in one pass per row group ({@link utf8Values}) instead of
 * one `TextEncoder.encode` per value. `volunteer_key` repeats when a volunteer serves
 * several times, but not nearly enough for a dictionary to win (measured: 54 against 59
 * bytes a row with Snappy, 68 uncompressed, at about the same time).
 */
const PLAIN_COLUMNS: ReadonlySet<string> = new Set(['record_id', 'volunteer_key', 'row_hash', 'source_row']);

/**
 * Min/max statistics are kept for dates, timestamps and numbers, where readers prune row
 * groups with them (`service_date BETWEEN …`). Free-text and code columns are pruned by
 * partition instead, and their statistics cost more than the rest of their encoding.
 */
function wantsStatistics(column: ColumnDef): boolean {
  return column.sql !== 'string' && column.sql !== 'boolean';
}

/** Days between 1970-01-01 and a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Value of the ASCII digit at `i`, or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Days since the epoch of a `YYYY-MM-DD` day, as `Date.parse` of its UTC midnight gives
 * them (V8 also rolls a day past its month's end, `2025-02-30`, into the next month, as
 * the arithmetic does); anything else goes through `Date.parse` itself.
 */
function epochDay(value: string): number {
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const y0 = digitAt(value, 0);
    const y1 = digitAt(value, 1);
    const y2 = digitAt(value, 2);
    const y3 = digitAt(value, 3);
    const m0 = digitAt(value, 5);
    const m1 = digitAt(value, 6);
    const d0 = digitAt(value, 8);
    const d1 = digitAt(value, 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      const month = m0 * 10 + m1;
      const day = d0 * 10 + d1;
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
        return daysFromCivil(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day);
    }
  }
  return Math.round(Date.parse(`${value}T00:00:00Z`) / DAY_MS);
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

function decimalScale(sql: string): number {
  const match = /^decimal\(\d+,(\d+)\)$/.exec(sql);
  if (!match) throw new Error(`unknown storage type ${sql}`);
  return Number(match[1]);
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
