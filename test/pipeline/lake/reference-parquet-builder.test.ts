import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { type ColumnDef, col, defineTable } from '../../../schemas/contract.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { columnValues, ParquetFileBuilder } from './reference-parquet-builder.ts';

const DAY_MS = 86_400_000;

/** Every storage type, with the column names the builder writes PLAIN (record_id, row_hash, source_row). */
const table = defineTable(
  'parquet_file_test',
  '测试',
  'Test',
  z.object({
    record_id: col.string('编号', 'Id'),
    community: col.nullableString('社区', 'Community'),
    row_hash: col.string('哈希', 'Hash'),
    day: col.nullableDate('日期', 'Day'),
    at: z.string().nullable().meta({ sql: 'timestamp', zh: '时间', en: 'Instant' }),
    hours: col.nullableDecimal(5, 2, '时长', 'Hours'),
    big: col.bigint('大数', 'Big'),
    ratio: col.nullableDouble('比率', 'Ratio'),
    flag: z.boolean().nullable().meta({ sql: 'boolean', zh: '标记', en: 'Flag' }),
    source_row: col.int('行号', 'Row'),
  }),
  [],
);

type Row = {
  record_id: string;
  community: string | null;
  row_hash: string;
  day: string | null;
  at: string | null;
  hours: number | null;
  big: number;
  ratio: number | null;
  flag: boolean | null;
  source_row: number;
};

const DAYS = ['1600-02-29', '1899-12-31', '1969-12-31', '1970-01-01', '2000-02-29', '2038-01-20', '2100-03-01', '9999-12-31'];
const INSTANTS = ['2026-06-30T01:00:00.000Z', '1969-07-20T20:17:40.123Z', '2040-02-29T23:59:59.999Z'];
const COMMUNITIES = ['南园社区', '园岭社区', 'Music 𝄞 community'];

/** Rows with nulls in every nullable column, non-ASCII ids (the byte-encoding fallback) and hex hashes. */
function rows(from: number, n: number): Row[] {
  return Array.from({ length: n }, (_, j) => {
    const i = from + j;
    return {
      record_id: i % 7 === 0 ? `记录-${i}-𝄞` : `R${String(i).padStart(7, '0')}`,
      community: i % 4 === 0 ? null : COMMUNITIES[i % COMMUNITIES.length]!,
      row_hash: (i * 2_654_435_761).toString(16).padStart(16, '0').repeat(4),
      day: i % 5 === 0 ? null : DAYS[i % DAYS.length]!,
      // A batch repeats one instant for many rows, then changes.
      at: i % 9 === 0 ? null : INSTANTS[Math.floor(i / 50) % INSTANTS.length]!,
      hours: i % 6 === 0 ? null : ((i % 800) - 100) / 4 + 0.01,
      big: 2 ** 40 + i,
      ratio: i % 3 === 0 ? null : i / 7,
      flag: i % 8 === 0 ? null : i % 2 === 0,
      source_row: i + 2,
    };
  });
}

/** Column-wise form of rows, as the staged writer hands them over. */
function columnsOf(batch: Row[]): Record<string, unknown[]> {
  return Object.fromEntries(table.columns.map((c) => [c.name, batch.map((r) => r[c.name as keyof Row])]));
}

const GROUPS = [0, 130, 300, 345];

describe('ParquetFileBuilder', () => {
  let dir: string;
  let file: string;
  let bytes: Uint8Array;
  let duck: QueryEngine;
  const expected = rows(0, GROUPS.at(-1)!);

  beforeAll(async () => {
    const builder = new ParquetFileBuilder(table);
    for (let g = 0; g + 1 < GROUPS.length; g++) {
      const batch = expected.slice(GROUPS[g], GROUPS[g + 1]);
      builder.addRowGroup(columnsOf(batch), batch.length);
    }
    bytes = builder.finish();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-parquet-file-'));
    file = path.join(dir, 'test.parquet');
    await fs.writeFile(file, bytes);
    duck = await openInMemoryDuckDb();
  });
  afterAll(async () => {
    await duck.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const arrayBuffer = () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  it('reads back every value with hyparquet', async () => {
    const read = await parquetReadObjects({ file: arrayBuffer() });
    expect(read).toHaveLength(expected.length);
    const normalised = read.map((r) => ({
      ...r,
      day: r.day === null ? null : (r.day as Date).toISOString().slice(0, 10),
      at: r.at === null ? null : (r.at as Date).toISOString(),
      big: Number(r.big),
    }));
    expect(normalised).toEqual(expected);
  });

  it('reads back every value with DuckDB', async () => {
    const read = await duck.query(
      `SELECT record_id, community, row_hash, strftime(day, '%Y-%m-%d') AS day, epoch_ms("at")::VARCHAR AS at_ms,
              hours::VARCHAR AS hours, big::VARCHAR AS big, ratio, flag, source_row
         FROM read_parquet('${file}')`,
    );
    expect(read).toEqual(
      expected.map((r) => ({
        record_id: r.record_id,
        community: r.community,
        row_hash: r.row_hash,
        day: r.day,
        at_ms: r.at === null ? null : String(Date.parse(r.at)),
        hours: r.hours === null ? null : r.hours.toFixed(2),
        big: String(r.big),
        ratio: r.ratio,
        flag: r.flag,
        source_row: r.source_row,
      })),
    );
  });

  it('writes unique-per-row columns PLAIN and leaves the others to the dictionary decision', () => {
    const meta = parquetMetadata(arrayBuffer());
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([130, 170, 45]);
    for (const group of meta.row_groups) {
      const encodings = Object.fromEntries(group.columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!.encodings]));
      for (const name of ['record_id', 'row_hash', 'source_row']) expect(encodings[name]).toEqual(['PLAIN']);
      // Three communities in every group: a dictionary wins.
      expect(encodings.community).toContain('RLE_DICTIONARY');
    }
  });
});

describe('columnValues', () => {
  const dateColumn: ColumnDef = { name: 'd', sql: 'date', nullable: true, zh: '', en: '' };
  const reference = (v: string) => Math.round(Date.parse(`${v}T00:00:00Z`) / DAY_MS);

  it('converts dates as Date.parse of their UTC midnight does, days past a month end included', () => {
    const values: string[] = [];
    for (const year of [1, 999, 1600, 1899, 1900, 1969, 1970, 2000, 2024, 2038, 2100, 2400, 9999])
      for (let month = 1; month <= 12; month++)
        for (let day = 1; day <= 31; day++)
          values.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    values.push('2025-00-10', '2025-13-01', '2025-01-00', '2025-01-32', '2025-1-05', '20250105', 'not a day');
    expect(columnValues(dateColumn, values)).toEqual(values.map(reference));
  });

  it('converts timestamps to epoch milliseconds, whether repeated, changing or numbers', () => {
    const column: ColumnDef = { name: 't', sql: 'timestamp', nullable: true, zh: '', en: '' };
    const values = [INSTANTS[0], INSTANTS[0], null, INSTANTS[0], INSTANTS[1], 1_700_000_000_123, INSTANTS[1], INSTANTS[0]];
    expect(columnValues(column, values)).toEqual(
      values.map((v) => (v === null ? null : BigInt(typeof v === 'number' ? v : Date.parse(v!)))),
    );
  });

  it('rejects a null in a required column, and returns string columns without copying', () => {
    const column: ColumnDef = { name: 's', sql: 'string', nullable: false, zh: '', en: '' };
    expect(() => columnValues(column, ['a', null])).toThrow(/not nullable \(row 1\)/);
    const strings = ['a', 'b'];
    expect(columnValues(column, strings)).toBe(strings);
    expect(columnValues(column, ['a', 7])).toEqual(['a', '7']);
  });
});
