import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../adapters/query/duckdb-engine.ts';

describe('DuckDbEngine', () => {
  let dir: string;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-duckdb-'));
    const { DuckDbEngine } = await import('../../../adapters/query/duckdb-engine.ts');
    engine = await DuckDbEngine.create({ threads: 1 });
  });
  afterAll(async () => {
    await engine?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('converts values read from a parquet file it wrote to plain JavaScript', async () => {
    const file = path.join(dir, 'records.parquet');
    await engine.execute(`
      COPY (
        SELECT * FROM (VALUES
          ('R1', '福田区', DATE '2026-10-31', TIMESTAMP '2026-11-01 08:30:15.250', CAST(2.50 AS DECIMAL(9,2)), CAST(12 AS BIGINT), true),
          ('R2', '南山区', DATE '1999-01-02', TIMESTAMP '1999-01-02 00:00:00', CAST(0.75 AS DECIMAL(9,2)), CAST(9007199254740993 AS BIGINT), false),
          ('R3', NULL, NULL, NULL, NULL, NULL, NULL)
        ) AS t(record_id, district, service_date, ingested_at, hours, n, approved)
      ) TO '${file}' (FORMAT parquet)`);

    const rows = await engine.query(`
      SELECT record_id, district, service_date, ingested_at, hours, n, approved
      FROM read_parquet('${file}') ORDER BY record_id`);
    expect(rows).toEqual([
      {
        record_id: 'R1',
        district: '福田区',
        service_date: '2026-10-31',
        ingested_at: '2026-11-01T08:30:15.250Z',
        hours: 2.5,
        n: 12,
        approved: true,
      },
      {
        record_id: 'R2',
        district: '南山区',
        service_date: '1999-01-02',
        ingested_at: '1999-01-02T00:00:00.000Z',
        hours: 0.75,
        n: 9007199254740993n,
        approved: false,
      },
      { record_id: 'R3', district: null, service_date: null, ingested_at: null, hours: null, n: null, approved: null },
    ]);

    const [totals] = await engine.query(`
      SELECT count(*) AS records, sum(hours) AS hours, sum(CAST(n AS HUGEINT)) - 9007199254740993 AS small_huge,
             min(service_date) AS first_day, list(service_date ORDER BY service_date) AS days,
             {'d': max(service_date), 'c': count(n)} AS s
      FROM read_parquet('${file}')`);
    expect(totals).toEqual({
      records: 3,
      hours: 3.25,
      small_huge: 12,
      first_day: '1999-01-02',
      days: ['1999-01-02', '2026-10-31', null],
      s: { d: '2026-10-31', c: 2 },
    });
    expect(typeof totals?.hours).toBe('number');
  });

  it('sums DECIMAL hours to the cent', async () => {
    const [row] = await engine.query('SELECT sum(CAST(h AS DECIMAL(18,2))) AS total FROM (SELECT 0.1 AS h FROM range(1000)) t');
    expect(row?.total).toBe(100);
  });

  it('raises DuckDB errors and cannot download extensions', async () => {
    await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    const [setting] = await engine.query("SELECT current_setting('autoinstall_known_extensions') AS v");
    expect(setting?.v).toBe(false);
  });
});
