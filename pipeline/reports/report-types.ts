/** The shape of an impact report: sections for people, a flat figure list for machines. */
import type { PublishedCount } from '../disclosure/suppress.ts';
import type { ReportPeriod } from './period.ts';

/** Version tag of `report.json`. */
export const REPORT_FORMAT = 'redvest-report/1';

/** A figure's value: a number, a suppressed count such as `"<5"`, text, or null (not computable). */
export type FigureValue = number | string | null;

/** The purchase contract, as the `contracts` view holds it. */
export interface ContractInfo {
  contract_id: string;
  funder: string;
  funder_type: string;
  start_date: string;
  end_date: string;
  budget_cny: number | null;
  target_hours: number | null;
  target_volunteers: number | null;
  target_beneficiaries: number | null;
}

/** Contracted vs delivered over the report period. */
export interface DeliverySection {
  service_hours: number;
  target_hours: number | null;
  hours_achieved_pct: number | null;
  service_records: number;
  beneficiaries: number;
  target_beneficiaries: number | null;
  beneficiaries_achieved_pct: number | null;
  /** Distinct volunteers with an approved record in the period (city level, not suppressed). */
  active_volunteers: number;
  /** Distinct volunteers over the contract up to the period end, compared with the (unprorated) target. */
  contract_volunteers_to_date: number;
  target_volunteers: number | null;
  volunteers_achieved_pct: number | null;
  /** Budget prorated to the period, CNY. */
  budget_cny: number | null;
  cost_per_hour: number | null;
  cost_per_beneficiary: number | null;
  volunteer_time_value_cny: number;
  /** Value of volunteer time ÷ prorated budget. */
  leverage: number | null;
}

/** One month of the delivery trend. */
export interface TrendRow {
  month: string;
  service_hours: number;
  target_hours: number | null;
  service_records: number;
  active_volunteers: number;
  beneficiaries: number;
}

/** Delivery in one district, street or beneficiary group. */
export interface BreakdownRow {
  /** District slug, street code or beneficiary group code. */
  key: string;
  zh: string;
  en: string;
  records_approved: number;
  service_hours: number;
  /** Published count: 1–4 below city level appear as `"<5"`. */
  active_volunteers: PublishedCount | null;
  beneficiaries: number;
}

/** Star levels of the volunteers who served the contract. */
export interface StarsSection {
  /** The period whose end the stars are measured at, or null when no data. */
  as_of: string | null;
  levels: { star: number; volunteers: number }[];
}

/** Approval, timeliness and the data quality of the batches that fed the report. */
export interface QualitySection {
  records_total: number;
  records_approved: number;
  approval_rate_pct: number | null;
  median_days_to_ingest: number | null;
  within_30_days_pct: number | null;
  batches: number;
  received: number;
  accepted: number;
  rejected: number;
  corrections: number;
  duplicates: number;
  unlinked_volunteer_records: number;
  rejected_by_code: { code: string; rows: number }[];
}

/** A batch that delivered current records counted in the report. */
export interface BatchProvenance {
  batch_id: string;
  received_at: string | null;
  /** Current records of the contract in the period that this batch delivered. */
  records: number;
  /** sha256 of those records' sorted `row_hash` values (checkable against the lake). */
  rows_sha256: string;
  /** sha256 of the uploaded file, from the batch manifest in the OpsStore; null when unknown. */
  file_sha256: string | null;
}

/** One SQL file a report ran, and the figures it produced. */
export interface SqlProvenance {
  file: string;
  sha256: string;
  /** Prefixes of the figure ids it produced, e.g. `delivery.`. */
  figures: string[];
}

/** Where the figures came from. */
export interface Provenance {
  generated_at: string;
  engine: 'duckdb' | 'athena';
  aggregation_run_id: string | null;
  hourly_wage_cny: number | null;
  suppress_below: number;
  batches: BatchProvenance[];
  sql: SqlProvenance[];
}

/** A complete impact report for one contract and period. */
export interface ReportModel {
  format: typeof REPORT_FORMAT;
  contract: ContractInfo;
  period: ReportPeriod;
  delivery: DeliverySection;
  trend: TrendRow[];
  districts: BreakdownRow[];
  streets: BreakdownRow[];
  beneficiary_groups: BreakdownRow[];
  stars: StarsSection;
  quality: QualitySection;
  /** Every figure by a stable id (`delivery.service_hours`, `district.futian.active_volunteers`, …). */
  figures: Record<string, FigureValue>;
  provenance: Provenance;
}
