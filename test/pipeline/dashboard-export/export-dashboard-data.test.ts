import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { exportDashboardData } from '../../../pipeline/dashboard-export/export-dashboard-data.ts';
import type {
  ExportSummary,
  IndexPayload,
  OverviewPayload,
  ParticipationPayload,
  ProjectsPayload,
  PurchasePayload,
  QualityPayload,
} from '../../../pipeline/dashboard-export/payloads.ts';
import { type AggregateRows, loadAggregateTables } from '../../dashboards/support/aggregate-tables.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';

function participation(
  period_type: string,
  period: string,
  district: string,
  street_code: string,
  active: number,
  fresh: number,
  hours: string,
) {
  return {
    period_type,
    period,
    district,
    street_code,
    active_volunteers: active,
    new_volunteers: fresh,
    returning_volunteers: active - fresh,
    registered_volunteers: active + 10,
    service_records: active * 3,
    service_hours: hours,
    beneficiaries: active * 2,
  };
}

const quality = (over: Record<string, unknown>) => ({
  grain: 'district_month',
  batch_id: 'all',
  district: 'futian',
  period: '2026-11',
  error_code: 'all',
  received: 0,
  accepted: 0,
  rejected: 0,
  duplicates: 0,
  corrections: 0,
  unknown_projects: 0,
  unlinked_volunteer_records: 0,
  median_days_to_ingest: null,
  ...over,
});

const ROWS: AggregateRows = {
  agg_participation: [
    participation('month', '2026-10', 'all', 'all', 40, 10, '300.25'),
    participation('month', '2026-11', 'all', 'all', 52, 2, '410.50'),
    participation('month', '2026-11', 'futian', 'all', 3, 1, '20.00'),
    participation('month', '2026-11', 'futian', '440304001', 0, 0, '0.00'),
    participation('month', '2026-11', 'futian', '440304002', 4, 4, '12.50'),
    participation('month', '2026-11', 'nanshan', 'all', 49, 1, '390.50'),
    participation('quarter', '2026-Q4', 'all', 'all', 70, 12, '710.75'),
    participation('year', '2026', 'all', 'all', 70, 12, '710.75'),
  ],
  agg_project_outcomes: [
    // City level: two projects of one category and one of another; beneficiary groups under one project.
    ...[
      ['P1', 'elderly_care', 'all', 10, '100.00', 8, 30],
      ['P2', 'elderly_care', 'all', 5, '50.50', 4, 10],
      ['P3', 'traffic', 'all', 7, '200.00', 6, 0],
      ['P1', 'elderly_care', 'elderly', 6, '60.00', 5, 25],
      ['P1', 'elderly_care', 'disabled', 4, '40.00', 3, 5],
      ['P2', 'elderly_care', 'elderly', 5, '50.50', 4, 10],
    ].map(([project_code, category, beneficiary_group, service_records, service_hours, active_volunteers, beneficiaries]) => ({
      period_type: 'month',
      period: '2026-11',
      project_code,
      category,
      district: 'all',
      beneficiary_group,
      service_records,
      service_hours,
      active_volunteers,
      beneficiaries,
    })),
    // A district row: never exported (the site shows city-level projects only).
    {
      period_type: 'month',
      period: '2026-11',
      project_code: 'P1',
      category: 'elderly_care',
      district: 'futian',
      beneficiary_group: 'all',
      service_records: 2,
      service_hours: '5.00',
      active_volunteers: 2,
      beneficiaries: 3,
    },
  ],
  agg_purchase_delivery: [
    {
      period_type: 'month',
      period: '2026-11',
      contract_id: 'C-2026-001',
      funder: '深圳市交警局',
      funder_type: 'government',
      service_records: 20,
      service_hours: '150.00',
      active_volunteers: 12,
      beneficiaries: 300,
      target_hours: '200.00',
      target_beneficiaries: '250.00',
      budget_cny: '3000.00',
      target_volunteers: 30,
      contract_volunteers_to_date: 22,
      hours_attainment: 0.75,
      cost_per_hour: '20.00',
      volunteer_time_value_cny: '3330.00',
    },
    {
      period_type: 'contract',
      period: 'C-2026-001',
      contract_id: 'C-2026-001',
      funder: '深圳市交警局',
      funder_type: 'government',
      service_records: 60,
      service_hours: '450.00',
      active_volunteers: 25,
      beneficiaries: 800,
      target_hours: '600.00',
      target_beneficiaries: '750.00',
      budget_cny: '9000.00',
      target_volunteers: 30,
      contract_volunteers_to_date: 25,
      hours_attainment: 0.75,
      cost_per_hour: '20.00',
      volunteer_time_value_cny: '9990.00',
    },
  ],
  agg_star_levels: [
    { period_type: 'month', period: '2026-11', district: 'all', contract_id: 'all', star: 0, volunteers: 40 },
    { period_type: 'month', period: '2026-11', district: 'all', contract_id: 'all', star: 1, volunteers: 9 },
    { period_type: 'month', period: '2026-11', district: 'all', contract_id: 'all', star: 3, volunteers: 3 },
    { period_type: 'month', period: '2026-11', district: 'futian', contract_id: 'all', star: 1, volunteers: 2 },
  ],
  agg_data_quality: [
    quality({ received: 100, accepted: 90, rejected: 10, duplicates: 2, corrections: 1, median_days_to_ingest: 4 }),
    quality({ error_code: 'E_DATE', rejected: 7 }),
    quality({ error_code: 'E_HOURS', rejected: 3 }),
    quality({ district: 'nanshan', error_code: 'E_HOURS', rejected: 5 }),
    quality({ district: 'nanshan', received: 50, accepted: 45, rejected: 5, median_days_to_ingest: 9 }),
    quality({ grain: 'batch', batch_id: 'b1', received: 60, accepted: 55, rejected: 5, median_days_to_ingest: 3 }),
    quality({ grain: 'batch', batch_id: 'b2', received: 40, accepted: 35, rejected: 5, median_days_to_ingest: 6 }),
    quality({ period: '2026-10', received: 10, accepted: 10 }),
  ],
  projects: [
    { project_code: 'P1', name_zh: '松柏之爱', name_en: 'Love for the Elderly', category: 'elderly_care', district: 'city' },
  ],
};

describe('exportDashboardData', () => {
  let dir: string;
  let engine: QueryEngine;
  let site: FsBlobStore;
  let summary: ExportSummary;
  const read = async <T>(key: string): Promise<T> => JSON.parse(Buffer.from(await site.get(key)).toString('utf8')) as T;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rv-dash-export-'));
    site = new FsBlobStore(fileUrl(dir));
    engine = await openInMemoryDuckDb();
    await loadAggregateTables(engine, ROWS);
    summary = await exportDashboardData({ engine, site, suppressBelow: 5, now: new Date('2026-12-01T00:00:00Z') });
  });

  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the available periods per type in data/index.json, written last', async () => {
    const index = await read<IndexPayload>('data/index.json');
    expect(index).toEqual({
      version: 1,
      generatedAt: '2026-12-01T00:00:00.000Z',
      suppressBelow: 5,
      periods: { month: ['2026-10', '2026-11'], quarter: ['2026-Q4'], year: ['2026'] },
      latest: { month: '2026-11', quarter: '2026-Q4', year: '2026' },
    });
    expect(summary.keys.at(-1)).toBe('data/index.json');
    expect(summary.periods).toBe(4);
    expect(summary.keys).toHaveLength(4 * 5 + 1);
    for (const key of summary.keys) expect(await site.exists(key)).toBe(true);
  });

  it('publishes the overview KPIs with the previous period, the monthly trend and star levels', async () => {
    const overview = await read<OverviewPayload>('data/overview/2026-11.json');
    expect(overview.previous).toBe('2026-10');
    expect(overview.kpis).toEqual({
      active_volunteers: { value: 52, previous: 40 },
      service_hours: { value: 410.5, previous: 300.25 },
      service_records: { value: 156, previous: 120 },
      beneficiaries: { value: 104, previous: 80 },
      new_volunteers: { value: 2, previous: 10 },
    });
    expect(overview.trend).toEqual({
      months: ['2026-10', '2026-11'],
      active_volunteers: [40, 52],
      new_volunteers: [10, 2],
      service_hours: [300.25, 410.5],
    });
    expect(overview.stars).toEqual([
      { star: 0, volunteers: 40 },
      { star: 1, volunteers: 9 },
      { star: 2, volunteers: 0 },
      { star: 3, volunteers: 3 },
      { star: 4, volunteers: 0 },
      { star: 5, volunteers: 0 },
    ]);
    const quarter = await read<OverviewPayload>('data/overview/2026-Q4.json');
    expect(quarter.previous).toBeNull();
    expect(quarter.kpis.active_volunteers).toEqual({ value: 70, previous: null });
    expect(quarter.trend.months).toEqual(['2026-10', '2026-11']);
  });

  it('suppresses volunteer counts of 1-4 below city level and keeps city counts, zeros and non-volunteer figures', async () => {
    const payload = await read<ParticipationPayload>('data/participation/2026-11.json');
    expect(payload.columns[2]).toBe('active_volunteers');
    expect(payload.rows).toEqual([
      ['all', 'all', 52, 2, 50, 62, 156, 410.5, 104],
      ['futian', 'all', '<5', '<5', '<5', 13, 9, 20, 6],
      ['futian', '440304001', 0, 0, 0, 10, 0, 0, 0],
      ['futian', '440304002', '<5', '<5', 0, 14, 12, 12.5, 8],
      ['nanshan', 'all', 49, '<5', 48, 59, 147, 390.5, 98],
    ]);
    expect(summary.suppressedCells).toBe(6);
  });

  it('never writes a volunteer count of 1-4 below city level into any file', async () => {
    for (const key of summary.keys.filter((k) => k.startsWith('data/participation/'))) {
      const payload = await read<ParticipationPayload>(key);
      for (const row of payload.rows.filter(([district]) => district !== 'all')) {
        for (const cell of row.slice(2, 6)) expect(typeof cell === 'number' && cell >= 1 && cell < 5).toBe(false);
      }
    }
  });

  it('publishes city-level projects with names, category totals and beneficiaries by group', async () => {
    const projects = await read<ProjectsPayload>('data/projects/2026-11.json');
    expect(projects.projects.map((p) => [p.project_code, p.name_zh, p.service_hours, p.active_volunteers])).toEqual([
      ['P3', null, 200, 6],
      ['P1', '松柏之爱', 100, 8],
      ['P2', null, 50.5, 4],
    ]);
    expect(projects.categories).toEqual([
      { category: 'traffic', projects: 1, service_records: 7, service_hours: 200, beneficiaries: 0 },
      { category: 'elderly_care', projects: 2, service_records: 15, service_hours: 150.5, beneficiaries: 40 },
    ]);
    expect(projects.groups).toEqual([
      { beneficiary_group: 'elderly', service_hours: 110.5, beneficiaries: 35 },
      { beneficiary_group: 'disabled', service_hours: 40, beneficiaries: 5 },
    ]);
  });

  it('publishes each contract against its prorated targets, with the contract to date and funder totals', async () => {
    const purchase = await read<PurchasePayload>('data/purchase/2026-11.json');
    expect(purchase.contracts).toHaveLength(1);
    const [contract] = purchase.contracts;
    expect(contract).toMatchObject({
      contract_id: 'C-2026-001',
      funder: '深圳市交警局',
      service_hours: 150,
      target_hours: 200,
      hours_attainment: 0.75,
      budget_cny: 3000,
      cost_per_hour: 20,
      volunteer_time_value_cny: 3330,
      contract_volunteers_to_date: 22,
      target_volunteers: 30,
    });
    expect(contract?.toDate).toMatchObject({ service_hours: 450, target_hours: 600, active_volunteers: 25 });
    expect(purchase.funders).toEqual([
      {
        funder: '深圳市交警局',
        funder_type: 'government',
        contracts: 1,
        service_hours: 150,
        budget_cny: 3000,
        volunteer_time_value_cny: 3330,
        cost_per_hour: 20,
      },
    ]);
    expect((await read<PurchasePayload>('data/purchase/2026-10.json')).contracts).toEqual([]);
  });

  it('summarises data quality per district with batches, rejection rate, timeliness and top error codes', async () => {
    const month = await read<QualityPayload>('data/quality/2026-11.json');
    expect(month.districts).toHaveLength(11);
    expect(month.districts.find((d) => d.district === 'futian')).toEqual({
      district: 'futian',
      batches: 2,
      received: 100,
      accepted: 90,
      rejected: 10,
      rejection_rate: 0.1,
      duplicates: 2,
      corrections: 1,
      unknown_projects: 0,
      unlinked_volunteer_records: 0,
      median_days_to_ingest: 4.5,
    });
    expect(month.districts.find((d) => d.district === 'nanshan')).toMatchObject({ batches: 0, median_days_to_ingest: 9 });
    expect(month.districts.find((d) => d.district === 'luohu')).toMatchObject({ received: 0, rejection_rate: null });
    expect(month.errorCodes).toEqual([
      { error_code: 'E_HOURS', rejected: 8 },
      { error_code: 'E_DATE', rejected: 7 },
    ]);
    const quarter = await read<QualityPayload>('data/quality/2026-Q4.json');
    expect(quarter.districts.find((d) => d.district === 'futian')).toMatchObject({ received: 110, accepted: 100 });
  });
});
