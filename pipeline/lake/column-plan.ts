/**
 * How each column of a lake table is buffered and encoded in Parquet: its physical
 * storage, whether a dictionary is tried, its codec and its statistics. Decided once per
 * table from the column definitions and the two documented name sets below.
 */
import { type ColumnDef, type ParquetSchemaElement, parquetSchema, type TableDef } from '../../schemas/contract.ts';
import { decimalScale } from './lake-values.ts';

/**
 * Hex digests (HMAC volunteer keys, row hashes): unique per row and random, so Snappy finds
 * nothing to compress in them and only costs time (measured: a third of the encoder's time
 * went to these two columns). They are written uncompressed; every other column is Snappy.
 */
export const DIGEST_COLUMNS: ReadonlySet<string> = new Set(['volunteer_key', 'row_hash']);

/**
 * Columns whose values are (nearly) unique per row: a dictionary never halves their size,
 * so they are written PLAIN outright. `volunteer_key` repeats when a volunteer serves
 * several times, but not nearly enough for a dictionary to win (measured: 54 against 59
 * bytes a row with Snappy, 68 uncompressed, at about the same time). Every other column
 * tries a dictionary and falls back to PLAIN when it does not pay (see column-buffer.ts).
 */
export const PLAIN_COLUMNS: ReadonlySet<string> = new Set(['record_id', 'volunteer_key', 'row_hash', 'source_row']);

/** How a column's values are held while buffered. */
export type ColumnKind = 'string' | 'boolean' | 'int32' | 'date' | 'decimal' | 'double' | 'timestamp' | 'int64';

/** One column's buffering and encoding decisions. */
export interface ColumnPlan {
  readonly def: ColumnDef;
  /** The column's Parquet schema element (from `parquetSchema`). */
  readonly element: ParquetSchemaElement;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /** Written PLAIN outright ({@link PLAIN_COLUMNS}); otherwise a dictionary is tried. */
  readonly plain: boolean;
  readonly codec: 'SNAPPY' | 'UNCOMPRESSED';
  /** Min/max statistics are written (dates, timestamps, numbers); null counts always are. */
  readonly minMax: boolean;
  /** Physical INT64 (timestamps, bigints, decimals over 9 digits): values are held as doubles. */
  readonly int64: boolean;
  /** Decimal scale factor (10^scale), 1 otherwise. */
  readonly factor: number;
}

function kindOf(column: ColumnDef, element: ParquetSchemaElement): ColumnKind {
  switch (column.sql) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int32';
    case 'bigint':
      return 'int64';
    case 'double':
      return 'double';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    default:
      if (element.converted_type !== 'DECIMAL') throw new Error(`unknown storage type ${column.sql}`);
      return 'decimal';
  }
}

/**
 * The Parquet schema of a table and one plan per column, in column order.
 *
 * @example
 * const { schema, plans } = columnPlans(serviceRecordsVersionsTable);
 * plans.find((p) => p.def.name === 'row_hash')?.codec; // 'UNCOMPRESSED'
 */
export function columnPlans(table: TableDef): { schema: ParquetSchemaElement[]; plans: ColumnPlan[] } {
  const schema = parquetSchema(table);
  const plans = table.columns.map((def, i): ColumnPlan => {
    const element = schema[i + 1]!;
    if (element.name !== def.name) throw new Error(`schema element ${element.name} is not column ${def.name}`);
    const kind = kindOf(def, element);
    return {
      def,
      element,
      kind,
      nullable: def.nullable,
      plain: PLAIN_COLUMNS.has(def.name),
      codec: DIGEST_COLUMNS.has(def.name) ? 'UNCOMPRESSED' : 'SNAPPY',
      minMax: kind !== 'string' && kind !== 'boolean',
      int64: element.type === 'INT64',
      factor: kind === 'decimal' ? 10 ** decimalScale(def.sql) : 1,
    };
  });
  return { schema, plans };
}
