import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { partitionOf } from '../../../pipeline/lake/lake-layout.ts';
import type { LakeRow } from '../../../pipeline/lake/lake-row.ts';
import { StagedLakeWriter } from '../../../pipeline/lake/staged-writer.ts';
import { serviceRecordsVersionsTable } from '../../../schemas/datasets/service-records.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';

const MONTHS = ['2026-01-15', '2026-02-15', '2026-03-15'];

/** Rows interleaving three month partitions, as an unsorted district export does. */
function rows(n: number): { row: LakeRow; date: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const date = MONTHS[i % MONTHS.length]!;
    return {
      date,
      row: {
        record_id: `R${String(i).padStart(7, '0')}`,
        street_code: '440304001',
        community: i % 5 === 0 ? null : '南园社区',
        volunteer_key: `${i.toString(16).padStart(8, '0')}`.repeat(8),
        id_kind: 'volunteer_number',
        sex: null,
        age_band: null,
        project_code: 'SZ-P1',
        category: 'elderly_care',
        service_date: date,
        start_time: null,
        end_time: null,
        hours: (i % 8) + 0.25,
        beneficiaries: i % 3,
        beneficiary_group: null,
        funding: 'self_funded',
        contract_id: null,
        status: 'approved',
        row_hash: `${i.toString(16).padStart(8, '0')}`.repeat(4),
        batch_id: 'b1',
        batch_received_at: '2026-06-30T01:00:00.000Z',
        ingested_at: '2026-06-30T01:00:01.000Z',
        version: 'v1',
        tombstone: false,
        source_row: i + 2,
      },
    };
  });
}

describe('StagedLakeWriter', () => {
  let dir: string;
  let store: FsBlobStore;
  let duck: QueryEngine;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-staged-'));
    store = new FsBlobStore(pathToFileURL(dir).href);
    duck = await openInMemoryDuckDb();
  });
  afterEach(async () => {
    await duck.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function write(n: number, options: ConstructorParameters<typeof StagedLakeWriter>[4]): Promise<string[]> {
    const writer = new StagedLakeWriter(store, serviceRecordsVersionsTable, 'b1', 0, options);
    for (const { row, date } of rows(n)) await writer.add(row, partitionOf(date, 'futian'));
    return writer.finish();
  }

  const glob = () => `${dir}/staging/**/*.parquet`;

  it('writes one file per partition from interleaved rows, in row groups, every row intact', async () => {
    const keys = await write(3000, { maxBufferedRows: 300 });
    expect(keys).toHaveLength(3);
    expect(keys.map((k) => k.match(/month=(\d\d)/)?.[1])).toEqual(['01', '02', '03']);
    const [groups] = await duck.query(
      `SELECT count(DISTINCT (file_name, row_group_id)) AS groups FROM parquet_metadata('${glob()}')`,
    );
    // At most 300 rows buffered across three partitions: each flush encodes the largest
    // buffer (100 to 300 rows) as one row group of its partition's open file.
    expect(Number(groups!.groups)).toBeGreaterThanOrEqual(10);
    expect(Number(groups!.groups)).toBeLessThanOrEqual(30);
    const [totals] = await duck.query(
      `SELECT count(*) AS n, count(DISTINCT record_id) AS ids, sum(hours)::DOUBLE AS hours, count(community) AS communities
         FROM read_parquet('${glob()}')`,
    );
    const expected = rows(3000).map((r) => r.row);
    expect(Number(totals!.n)).toBe(3000);
    expect(Number(totals!.ids)).toBe(3000);
    expect(totals!.hours).toBeCloseTo(
      expected.reduce((s, r) => s + Number(r.hours), 0),
      6,
    );
    expect(Number(totals!.communities)).toBe(expected.filter((r) => r.community !== null).length);
    const wrongMonth = await duck.query(
      `SELECT count(*) AS n FROM read_parquet('${glob()}', hive_partitioning = true) WHERE month::INT <> month(service_date)`,
    );
    expect(Number(wrongMonth[0]!.n)).toBe(0);
  });

  it('closes files at rowsPerFile and when open files hold maxOpenBytes, losing no row', async () => {
    const byRows = await write(3000, { maxBufferedRows: 300, rowsPerFile: 400 });
    expect(byRows.length).toBeGreaterThanOrEqual(6);
    await fs.rm(path.join(dir, 'staging'), { recursive: true });
    const byBytes = await write(3000, { maxBufferedRows: 300, maxOpenBytes: 16 * 1024 });
    expect(byBytes.length).toBeGreaterThan(3);
    const [totals] = await duck.query(`SELECT count(*) AS n, count(DISTINCT record_id) AS ids FROM read_parquet('${glob()}')`);
    expect(Number(totals!.n)).toBe(3000);
    expect(Number(totals!.ids)).toBe(3000);
  });

  it('goes on encoding while a closed file is written, one write at a time, and surfaces a failed write', async () => {
    // A store whose writes finish only when released: the writer must not wait on one
    // before it closes the next file, nor start a second write while one is in flight.
    const puts: { key: string; release: (error?: Error) => void }[] = [];
    let inFlight = 0;
    let most = 0;
    let added = 0;
    const addedAtPut: number[] = [];
    const slow = Object.create(store) as FsBlobStore;
    slow.put = (key, body, type) =>
      new Promise<void>((resolve, reject) => {
        inFlight++;
        most = Math.max(most, inFlight);
        addedAtPut.push(added);
        puts.push({
          key,
          release: (error) => {
            inFlight--;
            if (error) reject(error);
            else store.put(key, body, type).then(resolve, reject);
          },
        });
      });
    const writer = new StagedLakeWriter(slow, serviceRecordsVersionsTable, 'b1', 0, { maxBufferedRows: 100, rowsPerFile: 100 });
    const writing = (async () => {
      for (const { row, date } of rows(600)) {
        await writer.add(row, partitionOf(date, 'futian'));
        added++;
      }
      return writer.finish();
    })();
    // The first file closes; rows go on being buffered and encoded while its write is pending,
    // until the next close has to wait for it: no second write starts meanwhile.
    await expect.poll(() => puts.length).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(puts).toHaveLength(1);
    expect(added).toBeGreaterThan(addedAtPut[0]!);
    const pump = setInterval(() => {
      while (puts.length > 0) puts.shift()!.release();
    }, 1);
    const keys = await writing.finally(() => clearInterval(pump));
    expect(most).toBe(1);
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const [totals] = await duck.query(`SELECT count(*) AS n FROM read_parquet('${glob()}')`);
    expect(Number(totals!.n)).toBe(600);

    // A write that fails is reported by finish, not lost.
    const failing = Object.create(store) as FsBlobStore;
    failing.put = () => Promise.reject(new Error('disk full'));
    const broken = new StagedLakeWriter(failing, serviceRecordsVersionsTable, 'b2', 0, { maxBufferedRows: 100 });
    for (const { row, date } of rows(50)) await broken.add(row, partitionOf(date, 'futian'));
    await expect(broken.finish()).rejects.toThrow('disk full');
  });

  it('names files deterministically, so a retried batch rewrites the same files', async () => {
    const first = await write(1000, { maxBufferedRows: 100, rowsPerFile: 200 });
    const second = await write(1000, { maxBufferedRows: 100, rowsPerFile: 200 });
    expect(second).toEqual(first);
  });

  it('keeps statistics for dates and numbers, and stores hex digests uncompressed', async () => {
    await write(500, {});
    const meta = await duck.query(
      `SELECT path_in_schema AS col, any_value(compression) AS codec, bool_or(stats_min_value IS NOT NULL) AS has_stats
         FROM parquet_metadata('${glob()}') GROUP BY 1`,
    );
    const of = (name: string) => meta.find((m) => m.col === name)!;
    expect(of('service_date').has_stats).toBe(true);
    expect(of('hours').has_stats).toBe(true);
    expect(of('community').has_stats).toBe(false);
    expect(of('volunteer_key').codec).toBe('UNCOMPRESSED');
    expect(of('row_hash').codec).toBe('UNCOMPRESSED');
    expect(of('record_id').codec).toBe('SNAPPY');
  });
});
