import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../pipeline/ingest/ingest-batch.ts';
import { getManifest, listDistrictBatches } from '../../../pipeline/ingest/manifest.ts';
import { CONTRACTS_CSV, ID_A, ID_B, recordRow, serviceRecordsCsv } from './fixtures.ts';
import { type Harness, readTree, scanAll, startHarness } from './harness.ts';

describe('ingestBatch on dynalite and the filesystem', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const key = await h.land('contracts', 'city', 'c-1', 'contracts.csv', CONTRACTS_CSV);
    const outcome = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-01T00:00:00.000Z' });
    expect(outcome).toMatchObject({ status: 'COMPLETED', received: 2, accepted: 2, rejected: 0 });
  });
  afterAll(() => h.close());

  it('accepts good rows, rejects bad ones with a report, and counts by the contract', async () => {
    const csv = serviceRecordsCsv([
      recordRow(),
      recordRow({ record_id: 'R2', volunteer_id: ID_B, funding: '政府购买', contract_id: 'GOV-1', hours: '2.5' }),
      recordRow({ record_id: 'R3', hours: '25', start_time: '', end_time: '' }),
      recordRow({ record_id: 'R1' }),
      recordRow({ record_id: 'R4', district: '南山区', volunteer_id: '440304199001011231' }),
    ]);
    const key = await h.land('service_records', 'futian', 'b-1', 'records.csv', csv);
    const outcome = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-02T00:00:00.000Z' });
    expect(outcome).toMatchObject({
      batch_id: 'b-1',
      dataset: 'service_records',
      district: 'futian',
      status: 'COMPLETED',
      received: 5,
      accepted: 2,
      rejected: 3,
      duplicates: 0,
      corrections: 0,
      duplicate_of: null,
    });
    expect(outcome.errors_report).toMatch(/rejects\/service_records\/district=futian\/batch=b-1\/errors\.csv$/);
    const report = Buffer.from(
      await h.stores.rejects.get('rejects/service_records/district=futian/batch=b-1/errors.csv'),
    ).toString('utf8');
    expect(report.startsWith('\uFEFFfile,row,column,value,code,message_zh,message_en\r\n')).toBe(true);
    expect(report).toContain('records.csv,4,hours,25,HOURS_RANGE');
    expect(report).toContain('records.csv,5,record_id,R1,DUPLICATE_IN_FILE');
    expect(report).toContain('DISTRICT_MISMATCH');
    expect(report).toContain('ID_NUMBER_CHECKSUM');
    expect(report).not.toContain('440304199001011231');
    expect(report).toContain('4403************31');

    const lake = await readTree(`${h.dir}/lake`);
    const files = [...lake.keys()];
    expect(files.some((f) => f.startsWith('staging/'))).toBe(false);
    expect(files.sort()).toEqual([
      'curated/contracts_versions/c-1-0-0000.parquet',
      'curated/service_records_versions/year=2026/month=03/district=futian/b-1-0-0000.parquet',
    ]);
    expect(await h.stores.landing.list('')).toEqual([]);

    const manifest = await getManifest(h.ops, 'b-1');
    expect(manifest).toMatchObject({ status: 'COMPLETED', months_touched: ['2026-03'], chunks: 1 });
    expect(manifest?.warnings.join(' ')).toContain('姓名');
    const listed = await listDistrictBatches(h.ops, 'futian');
    expect(listed.map((m) => m.batch_id)).toEqual(['b-1']);

    const items = JSON.stringify(await scanAll(h));
    for (const secret of [ID_A, ID_B, '王小明', '13812345678']) expect(items).not.toContain(secret);
  });
});
