/**
 * Export step: turns the aggregate tables into compact JSON files per page and period under
 * `data/` in the site store. Runs after each aggregation; reads only aggregate tables.
 */
import type { BlobStore, QueryEngine, Row } from '../../adapters/ports.ts';
import { DISTRICTS } from '../../schemas/reference/districts.ts';
import { levelOf, suppressCount } from '../disclosure/suppress.ts';
import { sum, toNumber, toRounded, toText } from './numbers.ts';
import type {
  ContractDelivery,
  ContractFigures,
  DistrictQuality,
  ExportSummary,
  IndexPayload,
  OverviewPayload,
  ParticipationPayload,
  ParticipationRow,
  PeriodType,
  ProjectsPayload,
  PurchasePayload,
  QualityPayload,
} from './payloads.ts';
import { PARTICIPATION_COLUMNS } from './payloads.ts';
import { monthsOf, periodTypeOf, previousPeriod, sortPeriods } from './periods.ts';
import {
  DATA_QUALITY_SQL,
  PARTICIPATION_SQL,
  PROJECT_NAMES_SQL,
  PROJECT_OUTCOMES_SQL,
  PURCHASE_DELIVERY_SQL,
  STAR_LEVELS_SQL,
} from './queries.ts';

/** Inputs of {@link exportDashboardData}. */
export interface ExportDashboardDataOptions {
  engine: QueryEngine;
  /** The site store; files go under `data/`. */
  site: BlobStore;
  /** Volunteer counts `1 … suppressBelow-1` below city level become `"<suppressBelow"` (config `suppressBelow`). */
  suppressBelow: number;
  /** Timestamp written into `data/index.json`; default now. */
  now?: Date;
}

const PERIOD_TYPES: readonly PeriodType[] = ['month', 'quarter', 'year'];
const TREND_MONTHS = 24;
const TOP_ERROR_CODES = 10;
const WRITE_CONCURRENCY = 16;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [row]);
    else list.push(row);
  }
  return groups;
}

function text(row: Row, column: string): string {
  return toText(row[column]) ?? '';
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : toRounded((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Counts the cells a suppression turned into a marker. */
class SuppressionCounter {
  cells = 0;
  constructor(readonly threshold: number) {}

  apply(row: Row, column: string, district: string, streetCode: string) {
    const published = suppressCount(toNumber(row[column]), levelOf(district, streetCode), this.threshold);
    if (typeof published === 'string') this.cells += 1;
    return published;
  }
}

/** `all` first, then codes ascending. */
function compareArea(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'all') return -1;
  if (b === 'all') return 1;
  return a < b ? -1 : 1;
}

function participationRows(rows: Row[], counter: SuppressionCounter): ParticipationRow[] {
  return rows
    .map((row): ParticipationRow => {
      const district = text(row, 'district');
      const street = text(row, 'street_code');
      return [
        district,
        street,
        counter.apply(row, 'active_volunteers', district, street),
        counter.apply(row, 'new_volunteers', district, street),
        counter.apply(row, 'returning_volunteers', district, street),
        counter.apply(row, 'registered_volunteers', district, street),
        toNumber(row.service_records),
        toRounded(row.service_hours),
        toNumber(row.beneficiaries),
      ];
    })
    .sort((a, b) => compareArea(a[0], b[0]) || compareArea(a[1], b[1]));
}

function isCity(row: Row): boolean {
  return text(row, 'district') === 'all' && text(row, 'street_code') === 'all';
}

function overviewPayload(
  period: string,
  participationByPeriod: Map<string, Row[]>,
  months: string[],
  starsByPeriod: Map<string, Row[]>,
): OverviewPayload {
  const city = (p: string) => participationByPeriod.get(p)?.find(isCity);
  const current = city(period);
  const previousLabel = previousPeriod(period);
  const previous = city(previousLabel);
  const kpi = (column: string, round = false) => ({
    value: round ? toRounded(current?.[column]) : toNumber(current?.[column]),
    previous: round ? toRounded(previous?.[column]) : toNumber(previous?.[column]),
  });
  const lastMonth = monthsOf(period).at(-1)!;
  const trendMonths = months.filter((month) => month <= lastMonth).slice(-TREND_MONTHS);
  const trendRows = trendMonths.map((month) => city(month));
  const stars = new Map<number, number>();
  for (const row of starsByPeriod.get(period) ?? []) {
    const star = toNumber(row.star);
    if (star !== null) stars.set(star, (stars.get(star) ?? 0) + (toNumber(row.volunteers) ?? 0));
  }
  return {
    period,
    periodType: periodTypeOf(period),
    previous: previous === undefined ? null : previousLabel,
    kpis: {
      active_volunteers: kpi('active_volunteers'),
      service_hours: kpi('service_hours', true),
      service_records: kpi('service_records'),
      beneficiaries: kpi('beneficiaries'),
      new_volunteers: kpi('new_volunteers'),
    },
    trend: {
      months: trendMonths,
      active_volunteers: trendRows.map((row) => toNumber(row?.active_volunteers)),
      new_volunteers: trendRows.map((row) => toNumber(row?.new_volunteers)),
      service_hours: trendRows.map((row) => toRounded(row?.service_hours)),
    },
    stars: [0, 1, 2, 3, 4, 5].map((star) => ({ star, volunteers: stars.get(star) ?? 0 })),
  };
}

function projectsPayload(period: string, rows: Row[], names: Map<string, Row>): ProjectsPayload {
  const projectRows = rows.filter((row) => text(row, 'project_code') !== 'all' && text(row, 'beneficiary_group') === 'all');
  const projects = projectRows
    .map((row) => {
      const code = text(row, 'project_code');
      const name = names.get(code);
      return {
        project_code: code,
        name_zh: toText(name?.name_zh),
        name_en: toText(name?.name_en),
        category: text(row, 'category'),
        service_records: toNumber(row.service_records),
        service_hours: toRounded(row.service_hours),
        active_volunteers: toNumber(row.active_volunteers),
        beneficiaries: toNumber(row.beneficiaries),
      };
    })
    .sort((a, b) => (b.service_hours ?? 0) - (a.service_hours ?? 0) || a.project_code.localeCompare(b.project_code));
  const categories = [...groupBy(projects, (project) => project.category)]
    .map(([category, list]) => ({
      category,
      projects: list.length,
      service_records: sum(list.map((project) => project.service_records)),
      service_hours: sum(list.map((project) => project.service_hours)),
      beneficiaries: sum(list.map((project) => project.beneficiaries)),
    }))
    .sort((a, b) => b.service_hours - a.service_hours);
  const groupRows = rows.filter((row) => text(row, 'project_code') !== 'all' && text(row, 'beneficiary_group') !== 'all');
  const groups = [...groupBy(groupRows, (row) => text(row, 'beneficiary_group'))]
    .map(([group, list]) => ({
      beneficiary_group: group,
      service_hours: sum(list.map((row) => toRounded(row.service_hours))),
      beneficiaries: sum(list.map((row) => toNumber(row.beneficiaries))),
    }))
    .sort((a, b) => b.beneficiaries - a.beneficiaries);
  return { period, periodType: periodTypeOf(period), projects, categories, groups };
}

function contractFigures(row: Row): ContractFigures {
  return {
    service_records: toNumber(row.service_records),
    service_hours: toRounded(row.service_hours),
    active_volunteers: toNumber(row.active_volunteers),
    beneficiaries: toNumber(row.beneficiaries),
    target_hours: toRounded(row.target_hours),
    target_beneficiaries: toRounded(row.target_beneficiaries),
    budget_cny: toRounded(row.budget_cny),
    target_volunteers: toNumber(row.target_volunteers),
    contract_volunteers_to_date: toNumber(row.contract_volunteers_to_date),
    hours_attainment: toRounded(row.hours_attainment, 4),
    cost_per_hour: toRounded(row.cost_per_hour),
    volunteer_time_value_cny: toRounded(row.volunteer_time_value_cny),
  };
}

function purchasePayload(period: string, rows: Row[], toDateByContract: Map<string, Row>): PurchasePayload {
  const contracts: ContractDelivery[] = rows
    .map((row) => {
      const contractId = text(row, 'contract_id');
      const toDate = toDateByContract.get(contractId);
      return {
        contract_id: contractId,
        funder: text(row, 'funder'),
        funder_type: text(row, 'funder_type'),
        ...contractFigures(row),
        toDate: toDate === undefined ? null : contractFigures(toDate),
      };
    })
    .sort((a, b) => a.contract_id.localeCompare(b.contract_id));
  const funders = [...groupBy(contracts, (contract) => contract.funder)]
    .map(([funder, list]) => {
      const hours = sum(list.map((contract) => contract.service_hours));
      const budget = sum(list.map((contract) => contract.budget_cny));
      return {
        funder,
        funder_type: list[0]!.funder_type,
        contracts: list.length,
        service_hours: hours,
        budget_cny: budget,
        volunteer_time_value_cny: sum(list.map((contract) => contract.volunteer_time_value_cny)),
        cost_per_hour: hours === 0 ? null : toRounded(budget / hours),
      };
    })
    .sort((a, b) => b.service_hours - a.service_hours);
  return { period, periodType: periodTypeOf(period), contracts, funders };
}

function qualityPayload(period: string, qualityRows: Row[]): QualityPayload {
  const months = new Set(monthsOf(period));
  const inPeriod = qualityRows.filter((row) => months.has(text(row, 'period')));
  const totals = inPeriod.filter((row) => text(row, 'grain') === 'district_month' && text(row, 'error_code') === 'all');
  const batches = inPeriod.filter((row) => text(row, 'grain') === 'batch' && text(row, 'error_code') === 'all');
  const errors = inPeriod.filter(
    (row) => text(row, 'grain') === 'district_month' && text(row, 'error_code') !== 'all' && text(row, 'district') !== 'all',
  );
  const seen = new Set([...DISTRICTS.map((district) => district.slug), ...totals.map((row) => text(row, 'district'))]);
  seen.delete('all');
  seen.delete('');
  const districts: DistrictQuality[] = [...seen].map((district) => {
    const own = totals.filter((row) => text(row, 'district') === district);
    const ownBatches = batches.filter((row) => text(row, 'district') === district);
    const total = (column: string) => sum(own.map((row) => toNumber(row[column])));
    const received = total('received');
    const rejected = total('rejected');
    const days = (ownBatches.length > 0 ? ownBatches : own)
      .map((row) => toNumber(row.median_days_to_ingest))
      .filter((value): value is number => value !== null);
    return {
      district,
      batches: new Set(ownBatches.map((row) => text(row, 'batch_id'))).size,
      received,
      accepted: total('accepted'),
      rejected,
      rejection_rate: received === 0 ? null : toRounded(rejected / received, 4),
      duplicates: total('duplicates'),
      corrections: total('corrections'),
      unknown_projects: total('unknown_projects'),
      unlinked_volunteer_records: total('unlinked_volunteer_records'),
      median_days_to_ingest: median(days),
    };
  });
  const errorCodes = [...groupBy(errors, (row) => text(row, 'error_code'))]
    .map(([code, list]) => ({ error_code: code, rejected: sum(list.map((row) => toNumber(row.rejected))) }))
    .sort((a, b) => b.rejected - a.rejected || a.error_code.localeCompare(b.error_code))
    .slice(0, TOP_ERROR_CODES);
  return { period, periodType: periodTypeOf(period), districts, errorCodes };
}

async function projectNames(engine: QueryEngine): Promise<Map<string, Row>> {
  try {
    const rows = await engine.query(PROJECT_NAMES_SQL);
    return new Map(rows.map((row) => [text(row, 'project_code'), row]));
  } catch {
    // The `projects` reference table is optional for the dashboards: codes are shown instead of names.
    return new Map();
  }
}

/**
 * Exports the dashboard data: `data/index.json` and, per available period,
 * `data/{overview,participation,projects,purchase,quality}/{period}.json`.
 *
 * @example
 * const summary = await exportDashboardData({ engine, site, suppressBelow: config.suppressBelow });
 * summary.keys.includes('data/index.json'); // true
 */
export async function exportDashboardData(options: ExportDashboardDataOptions): Promise<ExportSummary> {
  const { engine, site } = options;
  const counter = new SuppressionCounter(options.suppressBelow);
  const [participation, outcomes, names, delivery, stars, quality] = await Promise.all([
    engine.query(PARTICIPATION_SQL),
    engine.query(PROJECT_OUTCOMES_SQL),
    projectNames(engine),
    engine.query(PURCHASE_DELIVERY_SQL),
    engine.query(STAR_LEVELS_SQL),
    engine.query(DATA_QUALITY_SQL),
  ]);

  const byPeriod = (rows: Row[]) => groupBy(rows, (row) => text(row, 'period'));
  const participationByPeriod = byPeriod(participation);
  const outcomesByPeriod = byPeriod(outcomes);
  const deliveryByPeriod = byPeriod(delivery.filter((row) => text(row, 'period_type') !== 'contract'));
  const toDateByContract = new Map(
    delivery.filter((row) => text(row, 'period_type') === 'contract').map((row) => [text(row, 'contract_id'), row]),
  );
  const starsByPeriod = byPeriod(stars);

  const labels = new Set<string>();
  for (const rows of [participation, outcomes, stars]) for (const row of rows) labels.add(text(row, 'period'));
  for (const row of delivery) if (text(row, 'period_type') !== 'contract') labels.add(text(row, 'period'));
  for (const row of quality) {
    const month = text(row, 'period');
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    labels.add(month);
    labels.add(`${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`);
    labels.add(month.slice(0, 4));
  }
  const periods: Record<PeriodType, string[]> = { month: [], quarter: [], year: [] };
  for (const label of sortPeriods(labels)) {
    try {
      periods[periodTypeOf(label)].push(label);
    } catch {
      // Not a month, quarter or year label: nothing to publish for it.
    }
  }

  const files = new Map<string, unknown>();
  for (const type of PERIOD_TYPES) {
    for (const period of periods[type]) {
      files.set(`data/overview/${period}.json`, overviewPayload(period, participationByPeriod, periods.month, starsByPeriod));
      const payload: ParticipationPayload = {
        period,
        periodType: type,
        columns: PARTICIPATION_COLUMNS,
        rows: participationRows(participationByPeriod.get(period) ?? [], counter),
      };
      files.set(`data/participation/${period}.json`, payload);
      files.set(`data/projects/${period}.json`, projectsPayload(period, outcomesByPeriod.get(period) ?? [], names));
      files.set(`data/purchase/${period}.json`, purchasePayload(period, deliveryByPeriod.get(period) ?? [], toDateByContract));
      files.set(`data/quality/${period}.json`, qualityPayload(period, quality));
    }
  }
  const index: IndexPayload = {
    version: 1,
    generatedAt: (options.now ?? new Date()).toISOString(),
    suppressBelow: options.suppressBelow,
    periods,
    latest: Object.fromEntries(PERIOD_TYPES.flatMap((type) => (periods[type].length > 0 ? [[type, periods[type].at(-1)]] : []))),
  };

  const entries = [...files];
  let bytes = 0;
  for (let start = 0; start < entries.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      entries.slice(start, start + WRITE_CONCURRENCY).map(async ([key, payload]) => {
        const body = JSON.stringify(payload);
        bytes += Buffer.byteLength(body);
        await site.put(key, body, 'application/json; charset=utf-8');
      }),
    );
  }
  // The index goes last: a reader never sees periods whose files are not written yet.
  const indexBody = JSON.stringify(index);
  bytes += Buffer.byteLength(indexBody);
  await site.put('data/index.json', indexBody, 'application/json; charset=utf-8');

  return {
    keys: [...files.keys(), 'data/index.json'],
    bytes,
    periods: periods.month.length + periods.quarter.length + periods.year.length,
    suppressedCells: counter.cells,
  };
}
