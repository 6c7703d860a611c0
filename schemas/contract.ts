/**
 * The data contract's building blocks: a table is one zod object whose fields carry their
 * storage type as metadata. From that single definition come the TypeScript type
 * (`z.infer`), the Glue/Athena columns, the Parquet schema and the DuckDB types. Nothing
 * restates a column list by hand.
 */
import { z } from 'zod';

/** Storage types, named as Athena (Hive DDL) names them. */
export type SqlType = 'string' | 'int' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp' | `decimal(${number},${number})`;

/** Metadata attached to each column's zod schema. */
export interface ColumnMeta {
  sql: SqlType;
  zh: string;
  en: string;
}

/** One column of a lake table. */
export interface ColumnDef extends ColumnMeta {
  name: string;
  nullable: boolean;
}

/** A lake table: file columns plus Hive-style partition keys (always strings). */
export interface TableDef<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  zh: string;
  en: string;
  /** The zod object describing one row (partition keys included). */
  schema: z.ZodObject<Shape>;
  /** Columns stored inside the Parquet files. */
  columns: ColumnDef[];
  /** Partition keys, in directory order (`year=/month=/district=`). */
  partitionKeys: ColumnDef[];
}

/** Column builders: each returns a zod schema carrying its {@link ColumnMeta}. */
export const col = {
  string: (zh: string, en: string) => z.string().meta({ sql: 'string', zh, en }),
  nullableString: (zh: string, en: string) => z.string().nullable().meta({ sql: 'string', zh, en }),
  int: (zh: string, en: string) => z.number().int().meta({ sql: 'int', zh, en }),
  nullableInt: (zh: string, en: string) => z.number().int().nullable().meta({ sql: 'int', zh, en }),
  bigint: (zh: string, en: string) => z.number().int().meta({ sql: 'bigint', zh, en }),
  double: (zh: string, en: string) => z.number().meta({ sql: 'double', zh, en }),
  nullableDouble: (zh: string, en: string) => z.number().nullable().meta({ sql: 'double', zh, en }),
  decimal: (precision: number, scale: number, zh: string, en: string) =>
    z.number().meta({ sql: `decimal(${precision},${scale})`, zh, en }),
  nullableDecimal: (precision: number, scale: number, zh: string, en: string) =>
    z
      .number()
      .nullable()
      .meta({ sql: `decimal(${precision},${scale})`, zh, en }),
  boolean: (zh: string, en: string) => z.boolean().meta({ sql: 'boolean', zh, en }),
  /** A calendar day, `YYYY-MM-DD` in TypeScript, DATE in storage. */
  date: (zh: string, en: string) =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .meta({ sql: 'date', zh, en }),
  nullableDate: (zh: string, en: string) =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .meta({ sql: 'date', zh, en }),
  /** An instant, ISO-8601 in TypeScript, TIMESTAMP (UTC, milliseconds) in storage. */
  timestamp: (zh: string, en: string) => z.string().meta({ sql: 'timestamp', zh, en }),
};

function columnOf(name: string, field: z.ZodType): ColumnDef {
  const meta = z.globalRegistry.get(field) as Partial<ColumnMeta> | undefined;
  if (!meta?.sql) throw new Error(`column ${name} has no storage type: build it with col.*`);
  return { name, sql: meta.sql, zh: meta.zh ?? name, en: meta.en ?? name, nullable: field.safeParse(null).success };
}

/**
 * Defines a lake table from a zod object built with {@link col}.
 *
 * @example
 * const t = defineTable('agg_x', '示例', 'Example', z.object({ period: col.string('期间', 'Period') }), []);
 * t.columns[0].sql; // 'string'
 */
export function defineTable<Shape extends z.ZodRawShape>(
  name: string,
  zh: string,
  en: string,
  schema: z.ZodObject<Shape>,
  partitionKeys: readonly (keyof Shape & string)[],
): TableDef<Shape> {
  const all = Object.entries(schema.shape).map(([key, field]) => columnOf(key, field as z.ZodType));
  const partitionSet = new Set<string>(partitionKeys);
  for (const key of partitionKeys) {
    const c = all.find((x) => x.name === key);
    if (c?.sql !== 'string') throw new Error(`partition key ${name}.${key} must be a string column`);
  }
  return {
    name,
    zh,
    en,
    schema,
    columns: all.filter((c) => !partitionSet.has(c.name)),
    partitionKeys: partitionKeys.map((k) => all.find((c) => c.name === k)!),
  };
}

/** Glue/Athena column, as the Glue API and CDK take it. */
export interface GlueColumn {
  name: string;
  type: string;
  comment?: string;
}

/**
 * Glue columns of a table's files (partition keys excluded).
 *
 * @example
 * glueColumns(LAKE_TABLES.agg_participation)[0]; // { name: 'period_type', type: 'string', comment: '…' }
 */
export function glueColumns(table: TableDef): GlueColumn[] {
  return table.columns.map((c) => ({ name: c.name, type: c.sql, comment: `${c.zh} / ${c.en}` }));
}

/** Glue partition keys of a table (all strings). */
export function gluePartitionKeys(table: TableDef): GlueColumn[] {
  return table.partitionKeys.map((c) => ({ name: c.name, type: 'string', comment: `${c.zh} / ${c.en}` }));
}

/**
 * DuckDB type of a storage type.
 *
 * @example
 * duckdbType('decimal(9,2)'); // 'DECIMAL(9,2)'
 */
export function duckdbType(sql: SqlType): string {
  switch (sql) {
    case 'string':
      return 'VARCHAR';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    default:
      return sql.toUpperCase();
  }
}

/** Precision and scale of a decimal type, or undefined. */
export function decimalParts(sql: SqlType): { precision: number; scale: number } | undefined {
  const m = /^decimal\((\d+),(\d+)\)$/.exec(sql);
  return m ? { precision: Number(m[1]), scale: Number(m[2]) } : undefined;
}

/** A Parquet schema element in the form hyparquet-writer takes. */
export interface ParquetSchemaElement {
  name: string;
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  converted_type?: 'UTF8' | 'DATE' | 'TIMESTAMP_MILLIS' | 'DECIMAL';
  repetition_type?: 'REQUIRED' | 'OPTIONAL';
  num_children?: number;
  scale?: number;
  precision?: number;
}

/**
 * Parquet schema of a table's files (partition keys excluded). Decimals up to 9 digits are
 * INT32, up to 18 INT64; dates INT32 DATE; timestamps INT64 TIMESTAMP_MILLIS (UTC).
 *
 * @example
 * parquetSchema(table)[0]; // { name: 'root', num_children: … }
 */
export function parquetSchema(table: TableDef): ParquetSchemaElement[] {
  const elements: ParquetSchemaElement[] = [{ name: 'root', num_children: table.columns.length }];
  for (const c of table.columns) {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
    const dec = decimalParts(c.sql);
    if (dec) {
      if (dec.precision > 18) throw new Error(`decimal precision over 18 is not supported (${table.name}.${c.name})`);
      elements.push({
        name: c.name,
        type: dec.precision <= 9 ? 'INT32' : 'INT64',
        converted_type: 'DECIMAL',
        precision: dec.precision,
        scale: dec.scale,
        repetition_type,
      });
      continue;
    }
    const mapping: Record<string, Pick<ParquetSchemaElement, 'type' | 'converted_type'>> = {
      string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      int: { type: 'INT32' },
      bigint: { type: 'INT64' },
      double: { type: 'DOUBLE' },
      boolean: { type: 'BOOLEAN' },
      date: { type: 'INT32', converted_type: 'DATE' },
      timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
    };
    elements.push({ name: c.name, ...mapping[c.sql], repetition_type });
  }
  return elements;
}
