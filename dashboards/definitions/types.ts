/**
 * Types of the dashboard definitions: pages made of panels, each showing metrics of one
 * aggregate table at one grain with one chart type, titled in Chinese and English.
 */

/** Interface languages; `zh` (zh-CN) is the default. */
export type Lang = 'zh' | 'en';

/** A text in both interface languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Period grains the period picker offers. */
export type PeriodType = 'month' | 'quarter' | 'year';

/** Aggregate tables a panel reads (through the exported JSON, never directly). */
export type AggregateTable =
  | 'agg_participation'
  | 'agg_project_outcomes'
  | 'agg_purchase_delivery'
  | 'agg_star_levels'
  | 'agg_data_quality';

/** What one row of a panel stands for. */
export type Grain =
  | 'city'
  | 'district'
  | 'street'
  | 'month'
  | 'star'
  | 'category'
  | 'project'
  | 'beneficiary_group'
  | 'contract'
  | 'funder'
  | 'error_code';

/** How a panel is drawn. */
export type ChartType = 'kpi' | 'line' | 'bar' | 'horizontal-bar' | 'pie' | 'table';

/** How a metric's value is formatted. */
export type MetricFormat = 'integer' | 'decimal' | 'currency' | 'percent' | 'days';

/** Metric keys: the column names of the aggregate tables plus a few derived ratios. */
export type MetricKey =
  | 'active_volunteers'
  | 'new_volunteers'
  | 'returning_volunteers'
  | 'registered_volunteers'
  | 'service_records'
  | 'service_hours'
  | 'beneficiaries'
  | 'volunteers'
  | 'target_hours'
  | 'hours_attainment'
  | 'budget_cny'
  | 'cost_per_hour'
  | 'volunteer_time_value_cny'
  | 'target_beneficiaries'
  | 'target_volunteers'
  | 'batches'
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'rejection_rate'
  | 'duplicates'
  | 'corrections'
  | 'unknown_projects'
  | 'unlinked_volunteer_records'
  | 'median_days_to_ingest';

/** A metric: its title, unit and format, and whether it counts distinct volunteers (suppressed below city level). */
export interface MetricDefinition {
  key: MetricKey;
  title: Bilingual;
  unit?: Bilingual;
  format: MetricFormat;
  /** A distinct count of volunteers: subject to the `<5` rule below city level. */
  volunteerCount: boolean;
}

/** One panel on a page. */
export interface PanelDefinition {
  /** Unique on its page; also the DOM id suffix (`panel-{id}`). */
  id: string;
  title: Bilingual;
  chart: ChartType;
  source: AggregateTable;
  grain: Grain;
  metrics: readonly MetricKey[];
  /** For drillable panels: the finer grain a click opens (city → district → street). */
  drillTo?: Grain;
  /** Panels that offer a CSV download of their rows. */
  downloadable?: boolean;
  /** Panels whose columns can be sorted by clicking a header. */
  sortable?: boolean;
}

/** Page identifiers, also the URL route (`#/{id}`) and the data folder (`data/{id}/`). */
export type PageId = 'overview' | 'participation' | 'projects' | 'purchase' | 'quality';

/** One dashboard page. */
export interface PageDefinition {
  id: PageId;
  title: Bilingual;
  description: Bilingual;
  panels: readonly PanelDefinition[];
}
