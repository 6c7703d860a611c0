import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { ReportError } from '../../../pipeline/reports/report-error.ts';
import { buildReportModel } from '../../../pipeline/reports/report-model.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { buildReportLake, CONTRACT, CONTRACT_ID, loadReportLake, type ReportLake } from './support/report-lake.ts';

let engine: QueryEngine;
let lake: ReportLake;

beforeAll(async () => {
  engine = await openInMemoryDuckDb();
  lake = buildReportLake();
  await loadReportLake(engine, lake);
});
afterAll(async () => {
  await engine.close();
});

const n = (v: unknown) => Number(v);
const r2 = (v: number) => Math.round(v * 100) / 100;

function deliveryRow(periodType: string, period: string) {
  const row = lake.agg_purchase_delivery.find((r) => r.period_type === periodType && r.period === period);
  if (!row) throw new Error('fixture lacks the delivery row');
  return row;
}

function breakdown(periodType: string, period: string, district: string, street: string, group: string) {
  return lake.agg_purchase_breakdown.find(
    (r) =>
      r.period_type === periodType &&
      r.period === period &&
      r.district === district &&
      r.street_code === street &&
      r.beneficiary_group === group,
  );
}

function inPeriod(from: string, to: string) {
  return lake.service_records.filter((r) => String(r.service_date) >= from && String(r.service_date) <= to);
}

describe('buildReportModel for a quarter', () => {
  it('takes contracted vs delivered, cost and value from agg_purchase_delivery', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    const row = deliveryRow('quarter', '2026-Q3');
    expect(model.period).toMatchObject({ type: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(model.contract.funder).toBe(CONTRACT.funder);
    const f = model.figures;
    expect(f['delivery.service_hours']).toBe(n(row.service_hours));
    expect(f['delivery.target_hours']).toBe(n(row.target_hours));
    expect(f['delivery.hours_achieved_pct']).toBe(Math.round(n(row.hours_attainment) * 1000) / 10);
    expect(f['delivery.service_records']).toBe(n(row.service_records));
    expect(f['delivery.beneficiaries']).toBe(n(row.beneficiaries));
    expect(f['delivery.beneficiaries_achieved_pct']).toBe(
      Math.round((n(row.beneficiaries) / n(row.target_beneficiaries)) * 1000) / 10,
    );
    expect(f['delivery.contract_volunteers_to_date']).toBe(n(row.contract_volunteers_to_date));
    expect(f['delivery.volunteers_achieved_pct']).toBe(
      Math.round((n(row.contract_volunteers_to_date) / CONTRACT.target_volunteers) * 1000) / 10,
    );
    expect(f['delivery.budget_cny']).toBe(n(row.budget_cny));
    expect(f['delivery.budget_cny']).toBe(92000); // 365000 × 92 ÷ 365
    expect(f['delivery.cost_per_hour']).toBe(n(row.cost_per_hour));
    expect(f['delivery.cost_per_beneficiary']).toBe(r2(n(row.budget_cny) / n(row.beneficiaries)));
    expect(f['delivery.volunteer_time_value_cny']).toBe(n(row.volunteer_time_value_cny));
    expect(f['delivery.leverage']).toBe(r2(n(row.volunteer_time_value_cny) / n(row.budget_cny)));
  });

  it('gives the monthly trend of the period only', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    expect(model.trend.map((t) => t.month)).toEqual(['2026-07', '2026-08', '2026-09']);
    for (const month of ['2026-07', '2026-08', '2026-09']) {
      const row = deliveryRow('month', month);
      expect(model.figures[`trend.${month}.service_hours`]).toBe(n(row.service_hours));
      expect(model.figures[`trend.${month}.active_volunteers`]).toBe(n(row.active_volunteers));
    }
    const trendTotal = model.trend.reduce((a, t) => a + t.service_hours, 0);
    expect(r2(trendTotal)).toBe(model.delivery.service_hours);
  });

  it('breaks down by district, street and group, showing 1–4 volunteers below city level as <5', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    const futian = breakdown('quarter', '2026-Q3', 'futian', 'all', 'all')!;
    const nanshan = breakdown('quarter', '2026-Q3', 'nanshan', 'all', 'all')!;
    expect(n(futian.active_volunteers)).toBeGreaterThanOrEqual(5);
    expect(n(nanshan.active_volunteers)).toBeGreaterThan(0);
    expect(n(nanshan.active_volunteers)).toBeLessThan(5);
    expect(model.figures['district.futian.service_hours']).toBe(n(futian.service_hours));
    expect(model.figures['district.futian.active_volunteers']).toBe(n(futian.active_volunteers));
    expect(model.figures['district.nanshan.active_volunteers']).toBe('<5');
    expect(model.figures['district.nanshan.beneficiaries']).toBe(n(nanshan.beneficiaries));
    expect(model.districts.map((d) => d.zh).sort()).toEqual(['南山区', '福田区']);

    const street = breakdown('quarter', '2026-Q3', 'nanshan', '440305001', 'all')!;
    expect(model.figures['street.440305001.service_hours']).toBe(n(street.service_hours));
    expect(model.figures['street.440305001.active_volunteers']).toBe('<5');

    const elderly = breakdown('quarter', '2026-Q3', 'all', 'all', 'elderly')!;
    expect(model.figures['group.elderly.beneficiaries']).toBe(n(elderly.beneficiaries));
    // City-level group counts are not suppressed.
    expect(model.figures['group.elderly.active_volunteers']).toBe(n(elderly.active_volunteers));
  });

  it('reports approval, timeliness, stars and the data quality of the batches that fed it', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    const total = breakdown('quarter', '2026-Q3', 'all', 'all', 'all')!;
    expect(model.figures['quality.records_total']).toBe(n(total.records_total));
    expect(model.figures['quality.approval_rate_pct']).toBe(
      Math.round((n(total.records_approved) / n(total.records_total)) * 1000) / 10,
    );

    const approved = inPeriod('2026-07-01', '2026-09-30').filter((r) => r.status === 'approved');
    const lags = approved
      .map((r) => (Date.parse(String(r.batch_received_at).slice(0, 10)) - Date.parse(String(r.service_date))) / 86_400_000)
      .sort((a, b) => a - b);
    const mid = lags.length / 2;
    const median = lags.length % 2 ? lags[Math.floor(mid)]! : (lags[mid - 1]! + lags[mid]!) / 2;
    expect(model.figures['quality.median_days_to_ingest']).toBe(Math.round(median * 10) / 10);
    expect(model.figures['quality.within_30_days_pct']).toBe(
      Math.round((lags.filter((d) => d <= 30).length / lags.length) * 1000) / 10,
    );

    const batches = [...new Set(inPeriod('2026-07-01', '2026-09-30').map((r) => String(r.batch_id)))].sort();
    const dqTotals = lake.agg_data_quality.filter((r) => batches.includes(String(r.batch_id)) && r.error_code === 'all');
    expect(model.figures['quality.batches']).toBe(batches.length);
    expect(model.figures['quality.rejected']).toBe(dqTotals.reduce((a, r) => a + n(r.rejected), 0));
    expect(model.figures['quality.corrections']).toBe(dqTotals.reduce((a, r) => a + n(r.corrections), 0));
    expect(model.figures['quality.received']).toBe(dqTotals.reduce((a, r) => a + n(r.received), 0));
    const byCode = (code: string) =>
      lake.agg_data_quality
        .filter((r) => batches.includes(String(r.batch_id)) && r.error_code === code)
        .reduce((a, r) => a + n(r.rejected), 0);
    expect(model.figures['quality.rejected_by_code.HOURS_RANGE']).toBe(byCode('HOURS_RANGE'));
    expect(model.figures['quality.rejected_by_code.DATE_FORMAT']).toBe(byCode('DATE_FORMAT'));
    expect(model.quality.rejected_by_code.map((c) => c.code)).toEqual(['DATE_FORMAT', 'HOURS_RANGE']); // most rows first

    expect(model.stars.as_of).toBe('2026-Q3');
    expect(model.stars.levels.map((l) => l.volunteers)).toEqual([3, 4, 2, 1, 0, 0]);
  });

  it('records provenance: batches with content hashes, SQL files with sha256', async () => {
    const model = await buildReportModel(
      {
        engine,
        aggregationRunId: async () => 'run-42',
        batchFileHashes: async (ids) => new Map(ids.map((id) => [id, `file-${id}`])),
        now: () => new Date('2026-10-02T00:00:00Z'),
      },
      { contractId: CONTRACT_ID, period: '2026-Q3' },
    );
    const records = inPeriod('2026-07-01', '2026-09-30');
    const ids = [...new Set(records.map((r) => String(r.batch_id)))].sort();
    expect(model.provenance.batches.map((b) => b.batch_id)).toEqual(ids);
    const first = model.provenance.batches[0]!;
    const hashes = records
      .filter((r) => r.batch_id === first.batch_id)
      .map((r) => String(r.row_hash))
      .sort();
    expect(first.records).toBe(hashes.length);
    expect(first.rows_sha256).toBe(createHash('sha256').update(hashes.join('\n')).digest('hex'));
    expect(first.file_sha256).toBe(`file-${first.batch_id}`);
    expect(model.provenance.aggregation_run_id).toBe('run-42');
    expect(model.provenance.generated_at).toBe('2026-10-02T00:00:00.000Z');
    const files = model.provenance.sql.map((s) => s.file);
    expect(files).toContain('pipeline/reports/sql/delivery.sql');
    for (const sql of model.provenance.sql) expect(sql.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Every figure is produced by some SQL file.
    for (const id of Object.keys(model.figures)) {
      expect(
        model.provenance.sql.some((s) => s.figures.some((prefix) => id.startsWith(prefix))),
        id,
      ).toBe(true);
    }
  });
});

describe('buildReportModel for other periods', () => {
  it('a month reads the month rows', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-08' });
    expect(model.delivery.service_hours).toBe(n(deliveryRow('month', '2026-08').service_hours));
    expect(model.trend.map((t) => t.month)).toEqual(['2026-08']);
    expect(model.stars.as_of).toBe('2026-08');
  });

  it('the whole contract reads the contract rows, the latest stars and all batches', async () => {
    const model = await buildReportModel({ engine }, { contractId: CONTRACT_ID, period: 'contract' });
    expect(model.period).toMatchObject({ type: 'contract', from: '2026-01-01', to: '2026-12-31' });
    expect(model.delivery.service_hours).toBe(n(deliveryRow('contract', 'contract').service_hours));
    expect(model.trend.map((t) => t.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09']);
    expect(model.stars.as_of).toBe('2026-09');
    expect(model.provenance.batches.reduce((a, b) => a + b.records, 0)).toBe(lake.service_records.length);
  });

  it('an unknown contract or a malformed period is a ReportError', async () => {
    await expect(buildReportModel({ engine }, { contractId: 'NOPE-1', period: '2026-Q3' })).rejects.toBeInstanceOf(ReportError);
    await expect(buildReportModel({ engine }, { contractId: CONTRACT_ID, period: '2026-Q5' })).rejects.toThrow(/2026-Q3/);
    await expect(buildReportModel({ engine }, { contractId: "x' OR 1=1 --", period: '2026-Q3' })).rejects.toBeInstanceOf(
      ReportError,
    );
  });
});
