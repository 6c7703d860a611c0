import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { partitionOf } from '../../../pipeline/lake/lake-layout.ts';
import { StagedLakeWriter } from '../../../pipeline/lake/staged-writer.ts';
import { DICTIONARY_MAX_BYTES } from '../../../pipeline/lake/string-dictionary.ts';
import { col, defineTable } from '../../../schemas/contract.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { ParquetFileBuilder } from './reference-parquet-builder.ts';

/** Every storage type; record_id, row_hash and source_row are PLAIN columns, row_hash a digest. */
const table = defineTable(
  'columnar_writer_test',
  '测试',
  'Test',
  z.object({
    record_id: col.string('编号', 'Id'),
    community: col.nullableString('社区', 'Community'),
    note: col.nullableString('备注', 'Note'),
    project_code: col.string('项目', 'Project'),
    batch: col.string('批次', 'Batch'),
    row_hash: col.string('哈希', 'Hash'),
    day: col.nullableDate('日期', 'Day'),
    at: z.string().nullable().meta({ sql: 'timestamp', zh: '时间', en: 'Instant' }),
    hours: col.nullableDecimal(5, 2, '时长', 'Hours'),
    amount: col.nullableDecimal(14, 2, '金额', 'Amount'),
    big: col.bigint('大数', 'Big'),
    ratio: col.nullableDouble('比率', 'Ratio'),
    count: col.nullableInt('人数', 'Count'),
    flag: z.boolean().nullable().meta({ sql: 'boolean', zh: '标记', en: 'Flag' }),
    done: col.boolean('完成', 'Done'),
    source_row: col.int('行号', 'Row'),
  }),
  [],
);

type Row = {
  record_id: string;
  community: string | null;
  note: string | null;
  project_code: string;
  batch: string;
  row_hash: string;
  day: string | null;
  at: string | null;
  hours: number | null;
  amount: number | null;
  big: number;
  ratio: number | null;
  count: number | null;
  flag: boolean | null;
  done: boolean;
  source_row: number;
};

const N = 2400;
const MONTHS = ['2026-01', '2026-02', '2026-03'];
const DAYS = ['1600-02-29', '1899-12-31', '1969-12-31', '1970-01-01', '2000-02-29', '2038-01-20', '2100-03-01', '9999-12-31'];
const INSTANTS = ['2026-06-30T01:00:00.000Z', '1969-07-20T20:17:40.123Z', '2040-02-29T23:59:59.999Z'];
const PROJECTS = ['SZ-P1', 'SZ-P2', '深圳-P3', 'SZ-P4'];
/** Long unique texts for the first rows: their dictionary outgrows DICTIONARY_MAX_BYTES while buffered. */
const LONG_TEXTS = Math.ceil(DICTIONARY_MAX_BYTES / 300) + 50;

function rows(): Row[] {
  return Array.from({ length: N }, (_, i) => ({
    record_id: i % 7 === 0 ? `记录-${i}-𝄞` : `R${String(i).padStart(7, '0')}`,
    community:
      i % 4 === 0
        ? null
        : i < LONG_TEXTS * 3
          ? `${'南园社区'.repeat(20)} free text ${i} ${'x'.repeat(200)}`
          : ['南园社区', '园岭社区', 'Music 𝄞'][i % 3]!,
    // Unique per row but short: a dictionary never halves it, so it is written PLAIN.
    note: i % 5 === 0 ? null : `备注 ${i}`,
    project_code: PROJECTS[i % PROJECTS.length]!,
    // One value: a dictionary of one entry, indices of zero bits.
    batch: 'b-一',
    row_hash: (i * 2_654_435_761).toString(16).padStart(16, '0').repeat(4),
    day: i % 5 === 1 ? null : DAYS[i % DAYS.length]!,
    at: i % 9 === 0 ? null : INSTANTS[Math.floor(i / 50) % INSTANTS.length]!,
    hours: i % 6 === 0 ? null : ((i % 800) - 100) / 4 + 0.01,
    amount: i % 11 === 0 ? null : i * 1_000_003.17 - 5e8,
    big: 2 ** 40 + i * 3,
    ratio: i % 3 === 0 ? null : i / 7,
    count: i % 13 === 0 ? null : (i % 40) - 3,
    flag: i % 8 === 0 ? null : i % 2 === 0,
    done: i % 3 !== 0,
    source_row: i + 2,
  }));
}

const monthOf = (i: number) => MONTHS[i % MONTHS.length]!;

describe('StagedLakeWriter columnar encoding', () => {
  let dir: string;
  let store: FsBlobStore;
  let duck: QueryEngine;
  let keys: string[];
  const expected = rows();
  const files = new Map<string, Uint8Array>();

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-columnar-'));
    store = new FsBlobStore(pathToFileURL(dir).href);
    duck = await openInMemoryDuckDb();
    const writer = new StagedLakeWriter(store, table, 'b1', 0, { maxBufferedRows: 600, rowsPerFile: 1000 });
    // Half the rows carry their lineage-like columns in `extra` (row_hash inherited from its
    // prototype, as process-chunk shares lineage), overriding the row's own values.
    for (let i = 0; i < N; i++) {
      const { row_hash, source_row, ...rest } = expected[i]!;
      writer.buffer(
        i % 2 === 0 ? { ...rest, row_hash: 'ignored', source_row: -1 } : { ...rest, row_hash, source_row },
        partitionOf(`${monthOf(i)}-15`, 'futian'),
        i % 2 === 0 ? Object.assign(Object.create({ row_hash }), { source_row }) : undefined,
      );
      if (i % 50 === 49) await writer.flushDue();
    }
    keys = await writer.finish();
    for (const key of keys) files.set(key, new Uint8Array(await fs.readFile(path.join(dir, key))));
  });
  afterAll(async () => {
    await duck.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const glob = () => `${dir}/staging/**/*.parquet`;
  const buffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  it('keeps the file layout: one partition per file set, at most rowsPerFile plus one group per file', () => {
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys)
      expect(key).toMatch(/^staging\/b1\/curated\/columnar_writer_test\/year=2026\/month=0[123]\/district=futian\/.+\.parquet$/);
    for (const bytes of files.values()) {
      const meta = parquetMetadata(buffer(bytes));
      expect(meta.row_groups.length).toBeGreaterThanOrEqual(1);
      for (const group of meta.row_groups) expect(Number(group.num_rows)).toBeLessThanOrEqual(600);
      expect(Number(meta.num_rows)).toBeLessThan(1000 + 600);
    }
    const groups = [...files.values()].reduce((n, b) => n + parquetMetadata(buffer(b)).row_groups.length, 0);
    expect(groups).toBeGreaterThanOrEqual(6);
  });

  it('reads back every value with hyparquet', async () => {
    const read: Record<string, unknown>[] = [];
    for (const bytes of files.values()) read.push(...(await parquetReadObjects({ file: buffer(bytes) })));
    read.sort((a, b) => Number(a.source_row) - Number(b.source_row));
    expect(
      read.map((r) => ({
        ...r,
        day: r.day === null ? null : (r.day as Date).toISOString().slice(0, 10),
        at: r.at === null ? null : (r.at as Date).toISOString(),
        big: Number(r.big),
      })),
    ).toEqual(expected.map((r) => ({ ...r, amount: r.amount === null ? null : Math.round(r.amount * 100) / 100 })));
  });

  it('reads back every value with DuckDB, partition columns included', async () => {
    const read = await duck.query(
      `SELECT record_id, community, note, project_code, batch, row_hash, strftime(day, '%Y-%m-%d') AS day,
              epoch_ms("at")::VARCHAR AS at_ms, hours::VARCHAR AS hours, amount::VARCHAR AS amount, big::VARCHAR AS big,
              ratio, count, flag, done, source_row, year || '-' || month AS ym, district
         FROM read_parquet('${glob()}', hive_partitioning = true) ORDER BY source_row`,
    );
    expect(read).toEqual(
      expected.map((r, i) => ({
        record_id: r.record_id,
        community: r.community,
        note: r.note,
        project_code: r.project_code,
        batch: r.batch,
        row_hash: r.row_hash,
        day: r.day,
        at_ms: r.at === null ? null : String(Date.parse(r.at)),
        hours: r.hours === null ? null : r.hours.toFixed(2),
        amount: r.amount === null ? null : (Math.round(r.amount * 100) / 100).toFixed(2),
        big: String(r.big),
        ratio: r.ratio,
        count: r.count,
        flag: r.flag,
        done: r.done,
        source_row: r.source_row,
        ym: monthOf(i),
        district: 'futian',
      })),
    );
  });

  it('reads the same through DuckDB as the hyparquet-writer builder of the same rows', async () => {
    const builder = new ParquetFileBuilder(table);
    builder.addRowGroup(Object.fromEntries(table.columns.map((c) => [c.name, expected.map((r) => r[c.name as keyof Row])])), N);
    const reference = path.join(dir, 'reference.parquet');
    await fs.writeFile(reference, builder.finish());
    const columns = table.columns.map((c) => `"${c.name}"`).join(', ');
    const differences = await duck.query(
      `SELECT count(*) AS n FROM (
         (SELECT ${columns} FROM read_parquet('${glob()}') EXCEPT ALL SELECT ${columns} FROM read_parquet('${reference}'))
         UNION ALL
         (SELECT ${columns} FROM read_parquet('${reference}') EXCEPT ALL SELECT ${columns} FROM read_parquet('${glob()}')))`,
    );
    expect(Number(differences[0]!.n)).toBe(0);
  });

  it('encodes dictionaries, PLAIN columns and overflowing dictionaries as planned, with codecs', () => {
    const seen = new Map<string, Set<string>>();
    for (const bytes of files.values())
      for (const group of parquetMetadata(buffer(bytes)).row_groups)
        for (const c of group.columns) {
          const m = c.meta_data!;
          const name = m.path_in_schema[0]!;
          const entry = seen.get(name) ?? new Set<string>();
          entry.add(`${m.encodings.join('+')}/${m.codec}`);
          seen.set(name, entry);
        }
    const only = (name: string) => [...seen.get(name)!];
    expect(only('record_id')).toEqual(['PLAIN/SNAPPY']);
    expect(only('source_row')).toEqual(['PLAIN/SNAPPY']);
    expect(only('row_hash')).toEqual(['PLAIN/UNCOMPRESSED']);
    expect(only('project_code')).toEqual(['PLAIN+RLE_DICTIONARY/SNAPPY']);
    expect(only('batch')).toEqual(['PLAIN+RLE_DICTIONARY/SNAPPY']);
    expect(only('at')).toEqual(['PLAIN+RLE_DICTIONARY/SNAPPY']);
    expect(only('note')).toEqual(['PLAIN/SNAPPY']);
    // The long free texts outgrow the dictionary bound while buffered: PLAIN from then on.
    expect(only('community')).toEqual(['PLAIN/SNAPPY']);
  });

  it('writes booleans RLE, and PLAIN only in row groups of up to 16 rows (as hyparquet-writer)', () => {
    for (const bytes of files.values())
      for (const group of parquetMetadata(buffer(bytes)).row_groups) {
        const done = group.columns.find((c) => c.meta_data!.path_in_schema[0] === 'done')!;
        expect(done.meta_data!.encodings).toEqual([Number(group.num_rows) > 16 ? 'RLE' : 'PLAIN']);
      }
  });

  it('writes min/max for dates, timestamps and numbers and null counts for every column, per row group', async () => {
    for (const bytes of files.values()) {
      const meta = parquetMetadata(buffer(bytes));
      const read = await parquetReadObjects({ file: buffer(bytes) });
      let start = 0;
      for (const group of meta.row_groups) {
        const groupRows = read.slice(start, start + Number(group.num_rows));
        start += Number(group.num_rows);
        for (const c of group.columns) {
          const name = c.meta_data!.path_in_schema[0]!;
          const stats = c.meta_data!.statistics!;
          const values = groupRows.map((r) => r[name]);
          expect(Number(stats.null_count), name).toBe(values.filter((v) => v === null).length);
          const present = values.filter((v) => v !== null);
          if (['day', 'at', 'hours', 'amount', 'big', 'ratio', 'count', 'source_row'].includes(name)) {
            const asNumber = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v));
            const numbers = present.map(asNumber);
            if (numbers.length === 0) expect(stats.min_value, name).toBeUndefined();
            else {
              expect(asNumber(stats.min_value), name).toBe(Math.min(...numbers));
              expect(asNumber(stats.max_value), name).toBe(Math.max(...numbers));
            }
          } else expect(stats.min_value, name).toBeUndefined();
        }
      }
    }
  });
});
