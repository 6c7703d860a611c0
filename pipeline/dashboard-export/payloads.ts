/**
 * Shapes of the JSON files the export step writes under `data/` in the site store and the
 * dashboard site reads. Volunteer counts below city level are already suppressed here.
 */
import type { PublishedCount } from '../disclosure/suppress.ts';

/** Period grains published to the site. */
export type PeriodType = 'month' | 'quarter' | 'year';

/** `data/index.json`: what exists, so the site can build its period picker. */
export interface IndexPayload {
  version: 1;
  generatedAt: string;
  /** Counts `1 … suppressBelow-1` below city level are published as `"<{suppressBelow}"`. */
  suppressBelow: number;
  /** Available periods per type, ascending. */
  periods: Record<PeriodType, string[]>;
  /** Latest available period per type (undefined when none). */
  latest: Partial<Record<PeriodType, string>>;
}

/** One KPI: the period's value and the previous period's (null when unknown). */
export interface KpiValue {
  value: number | null;
  previous: number | null;
}

/** `data/overview/{period}.json`. */
export interface OverviewPayload {
  period: string;
  periodType: PeriodType;
  /** The previous period of the same type, or null. */
  previous: string | null;
  kpis: Record<'active_volunteers' | 'service_hours' | 'service_records' | 'beneficiaries' | 'new_volunteers', KpiValue>;
  /** City-level monthly series, up to 24 months ending with the period's last month. */
  trend: {
    months: string[];
    active_volunteers: (number | null)[];
    new_volunteers: (number | null)[];
    service_hours: (number | null)[];
  };
  /** City-level star distribution at the period's end (stars 0–5). */
  stars: { star: number; volunteers: number }[];
}

/** Columns of a participation row, in order. */
export const PARTICIPATION_COLUMNS = [
  'district',
  'street_code',
  'active_volunteers',
  'new_volunteers',
  'returning_volunteers',
  'registered_volunteers',
  'service_records',
  'service_hours',
  'beneficiaries',
] as const;

/** A participation row as published (array in {@link PARTICIPATION_COLUMNS} order). */
export type ParticipationRow = [
  district: string,
  streetCode: string,
  activeVolunteers: PublishedCount | null,
  newVolunteers: PublishedCount | null,
  returningVolunteers: PublishedCount | null,
  registeredVolunteers: PublishedCount | null,
  serviceRecords: number | null,
  serviceHours: number | null,
  beneficiaries: number | null,
];

/** `data/participation/{period}.json`: city, district and street rows of one period. */
export interface ParticipationPayload {
  period: string;
  periodType: PeriodType;
  columns: typeof PARTICIPATION_COLUMNS;
  rows: ParticipationRow[];
}

/** A project's city-level outcome. */
export interface ProjectOutcome {
  project_code: string;
  name_zh: string | null;
  name_en: string | null;
  category: string;
  service_records: number | null;
  service_hours: number | null;
  active_volunteers: number | null;
  beneficiaries: number | null;
}

/** `data/projects/{period}.json`: city-level outcomes. */
export interface ProjectsPayload {
  period: string;
  periodType: PeriodType;
  projects: ProjectOutcome[];
  categories: { category: string; projects: number; service_records: number; service_hours: number; beneficiaries: number }[];
  groups: { beneficiary_group: string; service_hours: number; beneficiaries: number }[];
}

/** Delivery figures of one contract over a span (the period, or the contract to date). */
export interface ContractFigures {
  service_records: number | null;
  service_hours: number | null;
  active_volunteers: number | null;
  beneficiaries: number | null;
  target_hours: number | null;
  target_beneficiaries: number | null;
  budget_cny: number | null;
  target_volunteers: number | null;
  /** Distinct volunteers over the contract up to the period's end (compared with target_volunteers). */
  contract_volunteers_to_date: number | null;
  hours_attainment: number | null;
  cost_per_hour: number | null;
  volunteer_time_value_cny: number | null;
}

/** One contract's delivery in the period, and to date. */
export interface ContractDelivery extends ContractFigures {
  contract_id: string;
  funder: string;
  funder_type: string;
  toDate: ContractFigures | null;
}

/** `data/purchase/{period}.json`. */
export interface PurchasePayload {
  period: string;
  periodType: PeriodType;
  contracts: ContractDelivery[];
  funders: {
    funder: string;
    funder_type: string;
    contracts: number;
    service_hours: number;
    budget_cny: number;
    volunteer_time_value_cny: number;
    /** Budget ÷ hours over the funder's contracts; null when no hours. */
    cost_per_hour: number | null;
  }[];
}

/** Data-quality figures of one district over the period. */
export interface DistrictQuality {
  district: string;
  batches: number;
  received: number;
  accepted: number;
  rejected: number;
  rejection_rate: number | null;
  duplicates: number;
  corrections: number;
  unknown_projects: number;
  unlinked_volunteer_records: number;
  median_days_to_ingest: number | null;
}

/** `data/quality/{period}.json`. */
export interface QualityPayload {
  period: string;
  periodType: PeriodType;
  districts: DistrictQuality[];
  /** Error codes by rejected rows, most frequent first (top 10). */
  errorCodes: { error_code: string; rejected: number }[];
}

/** What {@link exportDashboardData} wrote. */
export interface ExportSummary {
  /** Keys written, relative to the site store. */
  keys: string[];
  /** Total bytes written. */
  bytes: number;
  /** Number of periods exported (all types). */
  periods: number;
  /** Volunteer-count cells published as `"<N"`. */
  suppressedCells: number;
}
