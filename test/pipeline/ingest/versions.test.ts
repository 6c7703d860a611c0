import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../pipeline/ingest/ingest-batch.ts';
import { getManifest } from '../../../pipeline/ingest/manifest.ts';
import { curatedGlob, curatedTablePrefix } from '../../../pipeline/lake/lake-layout.ts';
import { serviceRecordsVersionsTable } from '../../../schemas/datasets/service-records.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { CONTRACTS_CSV, ID_B, recordRow, serviceRecordsCsv } from './fixtures.ts';
import { type Harness, readTree, startHarness } from './harness.ts';

describe('versions, duplicates, corrections and tombstones', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const key = await h.land('contracts', 'city', 'c-1', 'contracts.csv', CONTRACTS_CSV);
    await ingestBatch(h.deps(), { key, receivedAt: '2026-10-01T00:00:00.000Z' });
  });
  afterAll(() => h.close());

  const lakeQuery = async (sql: string) => {
    const engine = await openInMemoryDuckDb();
    try {
      const glob = curatedGlob(
        h.stores.lake.locationOf(curatedTablePrefix(serviceRecordsVersionsTable.name).slice(0, -1)),
        serviceRecordsVersionsTable,
      );
      await engine.execute(
        `CREATE VIEW v AS SELECT * FROM read_parquet('${glob}', hive_partitioning = true, hive_types = {'year': VARCHAR, 'month': VARCHAR, 'district': VARCHAR})`,
      );
      return await engine.query(sql);
    } finally {
      await engine.close();
    }
  };

  it('a first batch writes new records; DuckDB reads them back with the contract types', async () => {
    const csv = serviceRecordsCsv([
      recordRow({ record_id: 'A' }),
      recordRow({ record_id: 'B', service_date: '2026-04-10', volunteer_id: ID_B, funding: '政府购买', contract_id: 'GOV-1' }),
      recordRow({ record_id: 'C', service_date: '2026-04-11', start_time: '', end_time: '', hours: '1.25' }),
    ]);
    const key = await h.land('service_records', 'futian', 'b1', 'one.csv', csv);
    const outcome = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-02T00:00:00.000Z' });
    expect(outcome).toMatchObject({ status: 'COMPLETED', received: 3, accepted: 3, duplicates: 0, corrections: 0 });
    expect((await getManifest(h.ops, 'b1'))?.months_touched).toEqual(['2026-03', '2026-04']);

    const types = await lakeQuery(
      "SELECT column_name, column_type FROM (DESCRIBE v) WHERE column_name IN ('hours','service_date','batch_received_at','tombstone','beneficiaries','year')",
    );
    expect(Object.fromEntries(types.map((r) => [r.column_name, r.column_type]))).toEqual({
      hours: 'DECIMAL(5,2)',
      service_date: 'DATE',
      batch_received_at: 'TIMESTAMP',
      tombstone: 'BOOLEAN',
      beneficiaries: 'INTEGER',
      year: 'VARCHAR',
    });
    const rows = await lakeQuery(
      'SELECT record_id, CAST(hours AS VARCHAR) AS hours, CAST(service_date AS VARCHAR) AS d, CAST(batch_received_at AS VARCHAR) AS r, tombstone, age_band, sex, funding, contract_id, month, district FROM v ORDER BY record_id',
    );
    expect(rows).toEqual([
      {
        record_id: 'A',
        hours: '2.50',
        d: '2026-03-05',
        r: '2026-10-02 00:00:00',
        tombstone: false,
        age_band: '35_44',
        sex: 'M',
        funding: 'self_funded',
        contract_id: null,
        month: '03',
        district: 'futian',
      },
      {
        record_id: 'B',
        hours: '2.50',
        d: '2026-04-10',
        r: '2026-10-02 00:00:00',
        tombstone: false,
        age_band: '65_plus',
        sex: 'F',
        funding: 'government_purchase',
        contract_id: 'GOV-1',
        month: '04',
        district: 'futian',
      },
      {
        record_id: 'C',
        hours: '1.25',
        d: '2026-04-11',
        r: '2026-10-02 00:00:00',
        tombstone: false,
        age_band: '35_44',
        sex: 'M',
        funding: 'self_funded',
        contract_id: null,
        month: '04',
        district: 'futian',
      },
    ]);
  });

  it('a byte-identical re-upload ends DUPLICATE and writes nothing', async () => {
    const before = await readTree(`${h.dir}/lake`);
    const csv = serviceRecordsCsv([
      recordRow({ record_id: 'A' }),
      recordRow({ record_id: 'B', service_date: '2026-04-10', volunteer_id: ID_B, funding: '政府购买', contract_id: 'GOV-1' }),
      recordRow({ record_id: 'C', service_date: '2026-04-11', start_time: '', end_time: '', hours: '1.25' }),
    ]);
    const key = await h.land('service_records', 'futian', 'b1-again', 'one.csv', csv);
    const outcome = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-03T00:00:00.000Z' });
    expect(outcome).toEqual({
      batch_id: 'b1-again',
      dataset: 'service_records',
      district: 'futian',
      status: 'DUPLICATE',
      received: 0,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      corrections: 0,
      errors_report: null,
      duplicate_of: 'b1',
    });
    expect([...(await readTree(`${h.dir}/lake`)).keys()].sort()).toEqual([...before.keys()].sort());
    expect(await h.stores.landing.list('')).toEqual([]);
  });

  it('a re-sent unchanged row is a duplicate, a changed one a correction, a moved one leaves a tombstone', async () => {
    const csv = serviceRecordsCsv([
      // unchanged (other cell spellings that normalise the same: category label, slash date)
      recordRow({ record_id: 'A', category: '敬老助老', service_date: '2026/3/5', funding: 'self_funded' }),
      // changed hours
      recordRow({
        record_id: 'B',
        service_date: '2026-04-10',
        volunteer_id: ID_B,
        funding: '政府购买',
        contract_id: 'GOV-1',
        start_time: '',
        end_time: '',
        hours: '3',
      }),
      // moved from April to May
      recordRow({ record_id: 'C', service_date: '2026-05-02', start_time: '', end_time: '', hours: '1.25' }),
    ]);
    const key = await h.land('service_records', 'futian', 'b2', 'two.csv', csv);
    const outcome = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-04T00:00:00.000Z' });
    expect(outcome).toMatchObject({ status: 'COMPLETED', received: 3, accepted: 3, duplicates: 1, corrections: 2 });
    expect((await getManifest(h.ops, 'b2'))?.months_touched).toEqual(['2026-04', '2026-05']);

    const current = await lakeQuery(`
      SELECT record_id, month, CAST(hours AS VARCHAR) AS hours FROM (
        SELECT *, row_number() OVER (PARTITION BY district, year, month, record_id ORDER BY version DESC) AS rn FROM v
      ) WHERE rn = 1 AND NOT tombstone ORDER BY record_id, month`);
    expect(current).toEqual([
      { record_id: 'A', month: '03', hours: '2.50' },
      { record_id: 'B', month: '04', hours: '3.00' },
      { record_id: 'C', month: '05', hours: '1.25' },
    ]);
    const tombstones = await lakeQuery('SELECT record_id, month, batch_id FROM v WHERE tombstone');
    expect(tombstones).toEqual([{ record_id: 'C', month: '04', batch_id: 'b2' }]);
    const pointer = await h.ops.get('REC#service_records#futian#C', 'CURRENT');
    expect(pointer).toMatchObject({ batch_id: 'b2', month: '2026-05', prev_month: '2026-04', outcome: 'correction' });
  });

  it("lists a volunteer's current records through the byVolunteer index", async () => {
    const pointer = await h.ops.get('REC#service_records#futian#A', 'CURRENT');
    const listed = await h.ops.query({ index: 'byVolunteer', partition: String(pointer?.gsi2pk) });
    expect(listed.map((i) => i.natural_key).sort()).toEqual(['A', 'C']);
  });

  it('file-level failures end FAILED with no records and no lake files', async () => {
    const before = [...(await readTree(`${h.dir}/lake`)).keys()].sort();
    const missing = await h.land('service_records', 'futian', 'f1', 'missing.csv', '记录编号,服务日期\nX1,2026-03-05\n');
    expect(await ingestBatch(h.deps(), { key: missing })).toMatchObject({
      status: 'FAILED',
      received: 0,
      failure: { code: 'MISSING_COLUMNS' },
    });
    const rows = Array.from({ length: 6 }, (_, i) => recordRow({ record_id: `T${i}` }));
    const tooMany = await h.land('service_records', 'futian', 'f2', 'many.csv', serviceRecordsCsv(rows));
    const limited = h.deps();
    limited.settings.limits.maxRows = 5;
    expect(await ingestBatch(limited, { key: tooMany })).toMatchObject({ status: 'FAILED', failure: { code: 'TOO_MANY_ROWS' } });
    const big = await h.land('service_records', 'futian', 'f3', 'big.csv', serviceRecordsCsv(rows));
    const small = h.deps();
    small.settings.limits.maxFileBytes = 100;
    const failed = await ingestBatch(small, { key: big });
    expect(failed).toMatchObject({ status: 'FAILED', failure: { code: 'FILE_TOO_LARGE' } });
    expect(failed.failure?.message_zh).toContain('文件超过大小上限');
    // The byte path gives up on an unclosed quote; the text path then fails the file.
    const unclosed = await h.land('service_records', 'futian', 'f5', 'q.csv', `${serviceRecordsCsv(rows)}\n"T9,`);
    expect(await ingestBatch(h.deps(), { key: unclosed })).toMatchObject({
      status: 'FAILED',
      failure: { code: 'FILE_UNREADABLE' },
    });
    const forbidden = await h.land('projects', 'futian', 'f4', 'p.csv', 'project_code\nP1\n');
    expect(await ingestBatch(h.deps(), { key: forbidden })).toMatchObject({
      status: 'FAILED',
      failure: { code: 'DISTRICT_FORBIDDEN' },
    });
    expect([...(await readTree(`${h.dir}/lake`)).keys()].sort()).toEqual(before);
    expect(await h.ops.get('REC#service_records#futian#T0', 'CURRENT')).toBeUndefined();
    expect(await h.stores.landing.list('')).toEqual([]);
    expect((await getManifest(h.ops, 'f2'))?.status).toBe('FAILED');
  });

  it('a redelivered event of an ended batch returns its outcome again', async () => {
    const again = await ingestBatch(h.deps(), { key: 'landing/service_records/district=futian/batch=b2/two.csv' });
    expect(again).toMatchObject({ batch_id: 'b2', status: 'COMPLETED', duplicates: 1, corrections: 2 });
  });
});
