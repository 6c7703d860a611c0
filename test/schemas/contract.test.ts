import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { col, defineTable, duckdbType, glueColumns, gluePartitionKeys, parquetSchema } from '../../schemas/contract.ts';
import { LAKE_TABLES } from '../../schemas/tables.ts';

describe('defineTable', () => {
  const table = defineTable(
    't',
    '表',
    'Table',
    z.object({
      a: col.string('甲', 'A'),
      b: col.nullableDecimal(5, 2, '乙', 'B'),
      c: col.date('丙', 'C'),
      d: col.timestamp('丁', 'D'),
      e: col.decimal(14, 2, '戊', 'E'),
      year: col.string('年', 'Year'),
    }),
    ['year'],
  );

  it('derives Glue columns and partition keys from the zod object', () => {
    expect(glueColumns(table)).toEqual([
      { name: 'a', type: 'string', comment: '甲 / A' },
      { name: 'b', type: 'decimal(5,2)', comment: '乙 / B' },
      { name: 'c', type: 'date', comment: '丙 / C' },
      { name: 'd', type: 'timestamp', comment: '丁 / D' },
      { name: 'e', type: 'decimal(14,2)', comment: '戊 / E' },
    ]);
    expect(gluePartitionKeys(table)).toEqual([{ name: 'year', type: 'string', comment: '年 / Year' }]);
  });

  it('derives a Parquet schema with physical types, nullability and decimals', () => {
    expect(parquetSchema(table)).toEqual([
      { name: 'root', num_children: 5 },
      { name: 'a', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'b', type: 'INT32', converted_type: 'DECIMAL', precision: 5, scale: 2, repetition_type: 'OPTIONAL' },
      { name: 'c', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
      { name: 'd', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' },
      { name: 'e', type: 'INT64', converted_type: 'DECIMAL', precision: 14, scale: 2, repetition_type: 'REQUIRED' },
    ]);
  });

  it('maps storage types to DuckDB types', () => {
    expect(table.columns.map((c) => duckdbType(c.sql))).toEqual([
      'VARCHAR',
      'DECIMAL(5,2)',
      'DATE',
      'TIMESTAMP',
      'DECIMAL(14,2)',
    ]);
  });

  it('refuses a column without a storage type and a non-string partition key', () => {
    expect(() => defineTable('x', 'x', 'x', z.object({ a: z.string() }), [])).toThrow(/no storage type/);
    expect(() => defineTable('x', 'x', 'x', z.object({ a: col.int('a', 'a') }), ['a'])).toThrow(/must be a string/);
  });
});

describe('LAKE_TABLES', () => {
  it('holds the curated tables and the aggregate tables under their Athena names', () => {
    expect(Object.keys(LAKE_TABLES)).toEqual(
      expect.arrayContaining([
        'service_records_versions',
        'registrations_versions',
        'projects_versions',
        'contracts_versions',
        'agg_participation',
        'agg_project_outcomes',
        'agg_purchase_delivery',
        'agg_purchase_breakdown',
        'agg_star_levels',
        'agg_data_quality',
      ]),
    );
  });

  it('never stores a raw volunteer id, name or phone column', () => {
    for (const table of Object.values(LAKE_TABLES)) {
      const names = table.columns.map((c) => c.name);
      for (const forbidden of ['volunteer_id', 'id_number', 'volunteer_number', 'birth_date', 'name', 'phone']) {
        expect(names, `${table.name}.${forbidden}`).not.toContain(forbidden);
      }
    }
  });

  it('partitions per-district datasets by ASCII year, month and district', () => {
    expect(LAKE_TABLES.service_records_versions!.partitionKeys.map((c) => c.name)).toEqual(['year', 'month', 'district']);
    expect(LAKE_TABLES.registrations_versions!.partitionKeys.map((c) => c.name)).toEqual(['year', 'month', 'district']);
  });
});
