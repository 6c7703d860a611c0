/**
 * Builds the impact report of one purchase contract for one period from the aggregate tables
 * (`agg_purchase_delivery`, `agg_purchase_breakdown`, `agg_star_levels`, `agg_data_quality`)
 * and the current `contracts` and `service_records` views, through the QueryEngine port only.
 * `verify-report` calls the same builder, so a figure holds exactly when a rebuild agrees.
 */
import { createHash } from 'node:crypto';
import type { QueryEngine, Row } from '../../adapters/ports.ts';
import { toNumber, toText } from '../dashboard-export/numbers.ts';
import { levelOf, suppressCount } from '../disclosure/suppress.ts';
import { beneficiaryGroupNames, districtNames, type Names, streetNames } from './labels.ts';
import { type ReportPeriod, reportPeriodTypeOf, resolveReportPeriod } from './period.ts';
import { ReportError } from './report-error.ts';
import { loadReportSql, type ReportSqlName, renderSql, type SqlParam } from './report-sql.ts';
import {
  type BatchProvenance,
  type BreakdownRow,
  type ContractInfo,
  type DeliverySection,
  type FigureValue,
  type Provenance,
  type QualitySection,
  REPORT_FORMAT,
  type ReportModel,
  type SqlProvenance,
  type StarsSection,
  type TrendRow,
} from './report-types.ts';

/** What the builder reads from, beyond the query engine. */
export interface ReportSources {
  engine: QueryEngine;
  /** sha256 of each batch's uploaded file, from the OpsStore batch manifests (absent: recorded as null). */
  batchFileHashes?: (batchIds: string[]) => Promise<Map<string, string>>;
  /** Id of the aggregation run whose tables are being read (absent: recorded as null). */
  aggregationRunId?: () => Promise<string | undefined>;
  /** Volunteer counts 1 … suppressBelow-1 below city level are published as `<suppressBelow`. Default 5. */
  suppressBelow?: number;
  /** The hourly wage basis used by the aggregation for the value of volunteer time (recorded only). */
  hourlyWageCny?: number;
  /** Clock for `generated_at`. */
  now?: () => Date;
}

/** Which contract and period. */
export interface ReportRequest {
  contractId: string;
  /** `2026-11`, `2026-Q3`, `2026` or `contract`. */
  period: string;
}

const CONTRACT_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

function num(value: unknown): number {
  return toNumber(value) ?? 0;
}

function round(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
}

/** `part ÷ whole` rounded, null when the divisor is null or 0. */
function ratio(part: number | null, whole: number | null, decimals: number, scale = 1): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return round((part / whole) * scale, decimals);
}

/** Runs one SQL file and remembers which figures it produced. */
class SqlRunner {
  readonly used = new Map<ReportSqlName, SqlProvenance>();
  constructor(private readonly engine: QueryEngine) {}

  async run(name: ReportSqlName, params: Record<string, SqlParam>, figures: string[]): Promise<Row[]> {
    const sql = await loadReportSql(name);
    const entry = this.used.get(name) ?? { file: sql.file, sha256: sql.sha256, figures: [] };
    for (const figure of figures) if (!entry.figures.includes(figure)) entry.figures.push(figure);
    this.used.set(name, entry);
    return this.engine.query(renderSql(sql.text, params));
  }
}

async function readContract(runner: SqlRunner, contractId: string): Promise<ContractInfo> {
  const rows = await runner.run('contract', { contract_id: contractId }, ['contract.', 'delivery.']);
  const row = rows[0];
  if (!row) throw new ReportError(`合同不存在 / unknown contract: ${contractId}`);
  return {
    contract_id: String(row.contract_id),
    funder: String(row.funder),
    funder_type: String(row.funder_type),
    start_date: String(row.start_date).slice(0, 10),
    end_date: String(row.end_date).slice(0, 10),
    budget_cny: toNumber(row.budget_cny),
    target_hours: toNumber(row.target_hours),
    target_volunteers: toNumber(row.target_volunteers),
    target_beneficiaries: toNumber(row.target_beneficiaries),
  };
}

function deliveryOf(row: Row | undefined): DeliverySection {
  const hours = round(num(row?.service_hours), 2) ?? 0;
  const beneficiaries = num(row?.beneficiaries);
  const budget = row ? toNumber(row.budget_cny) : null;
  const targetHours = row ? toNumber(row.target_hours) : null;
  const targetBeneficiaries = row ? toNumber(row.target_beneficiaries) : null;
  const targetVolunteers = row ? toNumber(row.target_volunteers) : null;
  const volunteersToDate = num(row?.contract_volunteers_to_date);
  const attainment = row ? toNumber(row.hours_attainment) : null;
  const value = round(num(row?.volunteer_time_value_cny), 2) ?? 0;
  return {
    service_hours: hours,
    target_hours: targetHours,
    hours_achieved_pct: attainment === null ? null : round(attainment * 100, 1),
    service_records: num(row?.service_records),
    beneficiaries,
    target_beneficiaries: targetBeneficiaries,
    beneficiaries_achieved_pct: ratio(beneficiaries, targetBeneficiaries, 1, 100),
    active_volunteers: num(row?.active_volunteers),
    contract_volunteers_to_date: volunteersToDate,
    target_volunteers: targetVolunteers,
    volunteers_achieved_pct: ratio(volunteersToDate, targetVolunteers, 1, 100),
    budget_cny: budget,
    cost_per_hour: row ? round(toNumber(row.cost_per_hour), 2) : null,
    cost_per_beneficiary: ratio(budget, beneficiaries, 2),
    volunteer_time_value_cny: value,
    leverage: ratio(value, budget, 2),
  };
}

function trendOf(rows: Row[]): TrendRow[] {
  return rows.map((row) => ({
    month: String(row.month),
    service_hours: round(num(row.service_hours), 2) ?? 0,
    target_hours: toNumber(row.target_hours),
    service_records: num(row.service_records),
    active_volunteers: num(row.active_volunteers),
    beneficiaries: num(row.beneficiaries),
  }));
}

function breakdownRow(row: Row, key: string, names: Names, suppressBelow: number): BreakdownRow {
  const level = levelOf(String(row.district), String(row.street_code));
  return {
    key,
    zh: names.zh,
    en: names.en,
    records_approved: num(row.records_approved),
    service_hours: round(num(row.service_hours), 2) ?? 0,
    active_volunteers: suppressCount(toNumber(row.active_volunteers), level, suppressBelow),
    beneficiaries: num(row.beneficiaries),
  };
}

interface Breakdowns {
  total: Row | undefined;
  districts: BreakdownRow[];
  streets: BreakdownRow[];
  groups: BreakdownRow[];
}

function splitBreakdown(rows: Row[], suppressBelow: number): Breakdowns {
  const out: Breakdowns = { total: undefined, districts: [], streets: [], groups: [] };
  for (const row of rows) {
    const district = String(row.district);
    const street = String(row.street_code);
    const group = String(row.beneficiary_group);
    if (district === 'all' && street === 'all' && group === 'all') out.total = row;
    else if (district !== 'all' && street === 'all' && group === 'all')
      out.districts.push(breakdownRow(row, district, districtNames(district), suppressBelow));
    else if (street !== 'all' && group === 'all') out.streets.push(breakdownRow(row, street, streetNames(street), suppressBelow));
    else if (district === 'all' && street === 'all')
      out.groups.push(breakdownRow(row, group, beneficiaryGroupNames(group), suppressBelow));
  }
  const byHours = (a: BreakdownRow, b: BreakdownRow) => b.service_hours - a.service_hours || a.key.localeCompare(b.key);
  out.districts.sort(byHours);
  out.streets.sort(byHours);
  out.groups.sort(byHours);
  return out;
}

function starsOf(rows: Row[]): StarsSection {
  const levels = [0, 1, 2, 3, 4, 5].map((star) => ({
    star,
    volunteers: num(rows.find((row) => num(row.star) === star)?.volunteers),
  }));
  return { as_of: rows[0] ? String(rows[0].period) : null, levels };
}

function batchesOf(rows: Row[]): Omit<BatchProvenance, 'file_sha256'>[] {
  const byBatch = new Map<string, { received_at: string | null; hashes: string[] }>();
  for (const row of rows) {
    const id = String(row.batch_id);
    const entry = byBatch.get(id) ?? { received_at: toText(row.batch_received_at), hashes: [] };
    entry.hashes.push(String(row.row_hash));
    byBatch.set(id, entry);
  }
  return [...byBatch.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([batch_id, entry]) => ({
      batch_id,
      received_at: entry.received_at,
      records: entry.hashes.length,
      rows_sha256: createHash('sha256')
        .update([...entry.hashes].sort().join('\n'))
        .digest('hex'),
    }));
}

function qualityOf(total: Row | undefined, timeliness: Row | undefined, dq: Row[], batches: number): QualitySection {
  const totals = dq.filter((row) => String(row.error_code) === 'all');
  const sumOf = (column: string) => totals.reduce((acc, row) => acc + num(row[column]), 0);
  const byCode = new Map<string, number>();
  for (const row of dq) {
    const code = String(row.error_code);
    if (code !== 'all') byCode.set(code, (byCode.get(code) ?? 0) + num(row.rejected));
  }
  const recordsTotal = num(total?.records_total);
  const recordsApproved = num(total?.records_approved);
  const timed = num(timeliness?.records);
  return {
    records_total: recordsTotal,
    records_approved: recordsApproved,
    approval_rate_pct: ratio(recordsApproved, recordsTotal, 1, 100),
    median_days_to_ingest: timed === 0 ? null : round(toNumber(timeliness?.median_days), 1),
    within_30_days_pct: ratio(num(timeliness?.within_30_days), timed, 1, 100),
    batches,
    received: sumOf('received'),
    accepted: sumOf('accepted'),
    rejected: sumOf('rejected'),
    corrections: sumOf('corrections'),
    duplicates: sumOf('duplicates'),
    unlinked_volunteer_records: sumOf('unlinked_volunteer_records'),
    rejected_by_code: [...byCode.entries()]
      .filter(([, rows]) => rows > 0)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([code, rows]) => ({ code, rows })),
  };
}

/**
 * Every figure of a report by a stable id; `verify-report` compares these.
 *
 * @example
 * figuresOf(model)['delivery.service_hours']; // 1234.5
 */
export function figuresOf(
  model: Omit<ReportModel, 'figures' | 'provenance'> & { provenance?: Provenance },
): Record<string, FigureValue> {
  const figures: Record<string, FigureValue> = {};
  for (const [key, value] of Object.entries(model.delivery)) figures[`delivery.${key}`] = value;
  for (const row of model.trend) {
    for (const [key, value] of Object.entries(row)) if (key !== 'month') figures[`trend.${row.month}.${key}`] = value;
  }
  const areas: [string, BreakdownRow[]][] = [
    ['district', model.districts],
    ['street', model.streets],
    ['group', model.beneficiary_groups],
  ];
  for (const [prefix, rows] of areas) {
    for (const row of rows) {
      for (const key of ['records_approved', 'service_hours', 'active_volunteers', 'beneficiaries'] as const)
        figures[`${prefix}.${row.key}.${key}`] = row[key];
    }
  }
  figures['stars.as_of'] = model.stars.as_of;
  for (const level of model.stars.levels) figures[`stars.${level.star}.volunteers`] = level.volunteers;
  for (const [key, value] of Object.entries(model.quality)) {
    if (key !== 'rejected_by_code') figures[`quality.${key}`] = value as FigureValue;
  }
  for (const { code, rows } of model.quality.rejected_by_code) figures[`quality.rejected_by_code.${code}`] = rows;
  for (const batch of model.provenance?.batches ?? []) {
    figures[`lineage.${batch.batch_id}.records`] = batch.records;
    figures[`lineage.${batch.batch_id}.rows_sha256`] = batch.rows_sha256;
  }
  return figures;
}

/**
 * Builds the report of one contract and period.
 *
 * @example
 * const model = await buildReportModel({ engine }, { contractId: 'GP-2026-001', period: '2026-Q3' });
 * model.delivery.service_hours; // 1234.5
 * model.figures['district.futian.active_volunteers']; // '<5' or a number
 */
export async function buildReportModel(sources: ReportSources, request: ReportRequest): Promise<ReportModel> {
  if (!CONTRACT_ID_PATTERN.test(request.contractId))
    throw new ReportError(`合同编号格式不正确 / invalid contract id: ${request.contractId}`);
  let periodType: ReturnType<typeof reportPeriodTypeOf>;
  try {
    periodType = reportPeriodTypeOf(request.period);
  } catch {
    throw new ReportError(`期间格式不正确 / invalid period "${request.period}": use 2026-11, 2026-Q3, 2026 or contract`);
  }
  const suppressBelow = sources.suppressBelow ?? 5;
  const runner = new SqlRunner(sources.engine);
  const contract = await readContract(runner, request.contractId);
  const period: ReportPeriod = resolveReportPeriod(request.period, contract);
  const base = { contract_id: contract.contract_id, period_type: periodType, period: period.label };
  const dates = { contract_id: contract.contract_id, date_from: period.from, date_to: period.to };

  const [deliveryRows, trendRows, breakdownRows, starRows, batchRows, timelinessRows] = await Promise.all([
    runner.run('delivery', base, ['delivery.']),
    runner.run(
      'monthly-trend',
      { contract_id: contract.contract_id, month_from: period.months[0]!, month_to: period.months[period.months.length - 1]! },
      ['trend.'],
    ),
    runner.run('breakdown', base, ['district.', 'street.', 'group.', 'quality.records_', 'quality.approval_rate_pct']),
    runner.run(
      'star-levels',
      periodType === 'contract'
        ? {
            contract_id: contract.contract_id,
            star_period_type: 'month',
            star_period_from: period.months[0]!,
            star_period_to: period.months[period.months.length - 1]!,
          }
        : {
            contract_id: contract.contract_id,
            star_period_type: periodType,
            star_period_from: period.label,
            star_period_to: period.label,
          },
      ['stars.'],
    ),
    runner.run('batch-rows', dates, ['lineage.']),
    runner.run('timeliness', dates, ['quality.median_days_to_ingest', 'quality.within_30_days_pct']),
  ]);

  const batches = batchesOf(batchRows);
  const batchIds = batches.map((b) => b.batch_id);
  const dqRows =
    batchIds.length === 0
      ? []
      : await runner.run('data-quality', { batch_ids: batchIds }, [
          'quality.batches',
          'quality.received',
          'quality.accepted',
          'quality.rejected',
          'quality.corrections',
          'quality.duplicates',
          'quality.unlinked_volunteer_records',
        ]);
  const fileHashes = sources.batchFileHashes && batchIds.length > 0 ? await sources.batchFileHashes(batchIds) : new Map();
  const breakdown = splitBreakdown(breakdownRows, suppressBelow);

  const provenance: Provenance = {
    generated_at: (sources.now?.() ?? new Date()).toISOString(),
    engine: sources.engine.name,
    aggregation_run_id: (await sources.aggregationRunId?.()) ?? null,
    hourly_wage_cny: sources.hourlyWageCny ?? null,
    suppress_below: suppressBelow,
    batches: batches.map((b) => ({ ...b, file_sha256: fileHashes.get(b.batch_id) ?? null })),
    sql: [...runner.used.values()].sort((a, b) => a.file.localeCompare(b.file)),
  };
  const sections = {
    format: REPORT_FORMAT,
    contract,
    period,
    delivery: deliveryOf(deliveryRows[0]),
    trend: trendOf(trendRows),
    districts: breakdown.districts,
    streets: breakdown.streets,
    beneficiary_groups: breakdown.groups,
    stars: starsOf(starRows),
    quality: qualityOf(breakdown.total, timelinessRows[0], dqRows, batches.length),
    provenance,
  } as const;
  return { ...sections, figures: figuresOf(sections) };
}
