/**
 * Test fixture: a small lake for one purchase contract. Service records are generated, then the
 * aggregate rows a report reads are derived from them here in TypeScript (a miniature of the
 * aggregation's rules), and everything is loaded into DuckDB as tables whose columns come from
 * `schemas/` (via `duckdbType`).
 */
import type { QueryEngine } from '../../../../adapters/ports.ts';
import { duckdbType, type TableDef } from '../../../../schemas/contract.ts';
import { contractsVersionsTable } from '../../../../schemas/datasets/contracts.ts';
import { serviceRecordsVersionsTable } from '../../../../schemas/datasets/service-records.ts';
import { AGGREGATE_TABLES } from '../../../../schemas/tables.ts';
import { createTableFromRows } from '../../../support/duckdb-query-engine.ts';

export type Rows = Record<string, unknown>[];

/** Literal rows of every table a report reads. */
export interface ReportLake {
  contracts: Rows;
  service_records: Rows;
  agg_purchase_delivery: Rows;
  agg_purchase_breakdown: Rows;
  agg_star_levels: Rows;
  agg_data_quality: Rows;
}

export const CONTRACT_ID = 'GP-2026-001';
/** Contract over the whole of 2026: 365 days, so prorating is easy to check by hand. */
export const CONTRACT = {
  contract_id: CONTRACT_ID,
  funder: '深圳市公安局交通警察局',
  funder_type: 'government',
  start_date: '2026-01-01',
  end_date: '2026-12-31',
  budget_cny: 365000,
  target_hours: 3650,
  target_volunteers: 40,
  target_beneficiaries: 7300,
};
const CONTRACT_DAYS = 365;
export const HOURLY_WAGE = 22.2;

function columnsOf(table: TableDef): Record<string, string> {
  return Object.fromEntries([...table.columns, ...table.partitionKeys].map((c) => [c.name, duckdbType(c.sql)]));
}

function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

const STREETS: Record<string, string[]> = { futian: ['440304001', '440304002'], nanshan: ['440305001'] };
const GROUPS = ['elderly', 'youth', 'none'];

/** Small deterministic pseudo-random numbers. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Generated service records of the contract in Q3 2026 (plus two outside it), in two batches per
 * district. Nanshan has only 3 volunteers, so its counts must be suppressed.
 */
export function generateServiceRecords(): Rows {
  const random = seeded(7);
  const rows: Rows = [];
  let n = 0;
  for (const month of ['2026-06', '2026-07', '2026-08', '2026-09']) {
    for (const district of ['futian', 'nanshan']) {
      const count = month === '2026-06' ? 1 : district === 'futian' ? 12 : 4;
      for (let i = 0; i < count; i++) {
        n += 1;
        const streets = STREETS[district]!;
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
        const volunteer = district === 'futian' ? `vk-f${Math.floor(random() * 9)}` : `vk-n${Math.floor(random() * 3)}`;
        const status = random() < 0.85 ? 'approved' : random() < 0.5 ? 'pending' : 'not_approved';
        const batch = `b-${district}-${month <= '2026-07' ? 1 : 2}`;
        const received = month <= '2026-07' ? '2026-08-03 02:00:00' : '2026-10-02 02:00:00';
        rows.push({
          record_id: `R${String(n).padStart(5, '0')}`,
          street_code: streets[i % streets.length],
          community: null,
          volunteer_key: volunteer,
          id_kind: 'id_number',
          sex: 'F',
          age_band: '25-34',
          project_code: 'P-TRAFFIC-01',
          category: 'traffic',
          service_date: `${month}-${day}`,
          start_time: null,
          end_time: null,
          hours: round2(1 + Math.floor(random() * 12) / 4),
          beneficiaries: Math.floor(random() * 40),
          beneficiary_group: GROUPS[i % GROUPS.length],
          funding: 'government_purchase',
          contract_id: CONTRACT_ID,
          status,
          row_hash: `h${n}`,
          batch_id: batch,
          batch_received_at: received,
          ingested_at: received,
          version: `${received}#${batch}`,
          tombstone: false,
          source_row: n + 1,
          year: month.slice(0, 4),
          month: month.slice(5, 7),
          district,
        });
      }
    }
  }
  return rows;
}

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

interface Measures {
  records_total: number;
  service_records: number;
  service_hours: number;
  volunteers: Set<string>;
  beneficiaries: number;
}

function measure(rows: Rows): Measures {
  const approved = rows.filter((r) => r.status === 'approved');
  return {
    records_total: rows.length,
    service_records: approved.length,
    service_hours: round2(approved.reduce((a, r) => a + Number(r.hours), 0)),
    volunteers: new Set(approved.map((r) => String(r.volunteer_key))),
    beneficiaries: approved.reduce((a, r) => a + Number(r.beneficiaries), 0),
  };
}

function deliveryRow(periodType: string, period: string, days: number, rows: Rows, toDate: Rows): Record<string, unknown> {
  const m = measure(rows);
  const targetHours = round2((CONTRACT.target_hours * days) / CONTRACT_DAYS);
  const budget = round2((CONTRACT.budget_cny * days) / CONTRACT_DAYS);
  return {
    period_type: periodType,
    period,
    contract_id: CONTRACT_ID,
    funder: CONTRACT.funder,
    funder_type: CONTRACT.funder_type,
    service_records: m.service_records,
    service_hours: m.service_hours,
    active_volunteers: m.volunteers.size,
    beneficiaries: m.beneficiaries,
    target_hours: targetHours,
    target_beneficiaries: round2((CONTRACT.target_beneficiaries * days) / CONTRACT_DAYS),
    budget_cny: budget,
    target_volunteers: CONTRACT.target_volunteers,
    contract_volunteers_to_date: measure(toDate).volunteers.size,
    hours_attainment: targetHours === 0 ? null : m.service_hours / targetHours,
    cost_per_hour: m.service_hours === 0 ? null : round2(budget / m.service_hours),
    volunteer_time_value_cny: round2(m.service_hours * HOURLY_WAGE),
  };
}

function breakdownRows(periodType: string, period: string, rows: Rows): Rows {
  const out: Rows = [];
  const sets: [string, string, string][] = [];
  const key = (r: Record<string, unknown>, d: boolean, s: boolean, g: boolean): [string, string, string] => [
    d ? String(r.district) : 'all',
    s ? String(r.street_code) : 'all',
    g ? String(r.beneficiary_group ?? 'none') : 'all',
  ];
  const grains: [boolean, boolean, boolean][] = [
    [false, false, false],
    [true, false, false],
    [true, true, false],
    [false, false, true],
  ];
  for (const grain of grains) {
    const groups = new Map<string, Rows>();
    for (const r of rows) {
      const k = key(r, ...grain).join('|');
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [k, members] of groups) {
      const [district, street_code, beneficiary_group] = k.split('|') as [string, string, string];
      sets.push([district, street_code, beneficiary_group]);
      const m = measure(members);
      out.push({
        period_type: periodType,
        period,
        contract_id: CONTRACT_ID,
        district,
        street_code,
        beneficiary_group,
        records_total: m.records_total,
        records_approved: m.service_records,
        service_hours: m.service_hours,
        active_volunteers: m.volunteers.size,
        beneficiaries: m.beneficiaries,
      });
    }
  }
  return out;
}

/**
 * The lake of the fixture: records plus the aggregate rows derived from them for months
 * 2026-06 … 2026-09 and quarters 2026-Q2 and 2026-Q3.
 */
export function buildReportLake(records: Rows = generateServiceRecords()): ReportLake {
  const monthOf = (r: Record<string, unknown>) => String(r.service_date).slice(0, 7);
  const delivery: Rows = [];
  const breakdown: Rows = [];
  for (const month of ['2026-06', '2026-07', '2026-08', '2026-09']) {
    const rows = records.filter((r) => monthOf(r) === month);
    const toDate = records.filter((r) => monthOf(r) <= month);
    delivery.push(deliveryRow('month', month, daysInMonth(month), rows, toDate));
    breakdown.push(...breakdownRows('month', month, rows));
  }
  const q3 = records.filter((r) => monthOf(r) >= '2026-07' && monthOf(r) <= '2026-09');
  delivery.push(deliveryRow('quarter', '2026-Q3', 92, q3, records));
  breakdown.push(...breakdownRows('quarter', '2026-Q3', q3));
  delivery.push(deliveryRow('contract', 'contract', 273, records, records));
  breakdown.push(...breakdownRows('contract', 'contract', records));

  const stars = (period_type: string, period: string, counts: number[]): Rows =>
    counts.map((volunteers, star) => ({ period_type, period, district: 'all', contract_id: CONTRACT_ID, star, volunteers }));
  const batches = [...new Set(records.map((r) => String(r.batch_id)))].sort();
  const quality: Rows = batches.flatMap((batch_id, i) => {
    const accepted = records.filter((r) => r.batch_id === batch_id).length;
    const base = { grain: 'batch', batch_id, district: batch_id.split('-')[1], period: '2026-08', duplicates: i };
    return [
      {
        ...base,
        error_code: 'all',
        received: accepted + 3 + i,
        accepted,
        rejected: 3 + i,
        corrections: i * 2,
        unknown_projects: 0,
        unlinked_volunteer_records: 1,
        median_days_to_ingest: 20 + i,
      },
      {
        ...base,
        error_code: 'HOURS_RANGE',
        received: 0,
        accepted: 0,
        rejected: 2,
        corrections: 0,
        unknown_projects: 0,
        unlinked_volunteer_records: 0,
        median_days_to_ingest: null,
      },
      {
        ...base,
        error_code: 'DATE_FORMAT',
        received: 0,
        accepted: 0,
        rejected: 1 + i,
        corrections: 0,
        unknown_projects: 0,
        unlinked_volunteer_records: 0,
        median_days_to_ingest: null,
      },
    ];
  });
  // A batch of another contract must never be counted.
  quality.push({ ...quality[0]!, batch_id: 'b-other', rejected: 99, received: 99 });

  return {
    contracts: [
      CONTRACT,
      { ...CONTRACT, contract_id: 'EP-2026-002', funder: '某科技有限公司', funder_type: 'enterprise', budget_cny: 1000 },
    ].map((c) => ({ ...c, row_hash: 'x', batch_id: 'b-ref', batch_received_at: '2026-01-01 00:00:00' })),
    service_records: records,
    agg_purchase_delivery: delivery,
    agg_purchase_breakdown: breakdown,
    agg_star_levels: [
      ...stars('quarter', '2026-Q3', [3, 4, 2, 1, 0, 0]),
      ...stars('month', '2026-08', [5, 3, 1, 1, 0, 0]),
      ...stars('month', '2026-09', [3, 4, 2, 1, 0, 0]),
      ...stars('quarter', '2026-Q2', [1, 0, 0, 0, 0, 0]),
    ],
    agg_data_quality: quality,
  };
}

/**
 * Creates the tables of a {@link ReportLake} on an engine (`contracts` and `service_records`
 * as tables standing in for the current-version views).
 *
 * @example
 * await loadReportLake(engine, buildReportLake());
 */
export async function loadReportLake(engine: QueryEngine, lake: ReportLake): Promise<void> {
  await createTableFromRows(engine, 'contracts', columnsOf(contractsVersionsTable), lake.contracts);
  await createTableFromRows(engine, 'service_records', columnsOf(serviceRecordsVersionsTable), lake.service_records);
  for (const name of ['agg_purchase_delivery', 'agg_purchase_breakdown', 'agg_star_levels', 'agg_data_quality'] as const) {
    await createTableFromRows(engine, name, columnsOf(AGGREGATE_TABLES[name]!), lake[name]);
  }
}
