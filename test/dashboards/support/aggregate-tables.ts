/**
 * Test fixtures: the aggregate tables' columns (as the aggregation issue defines them) and a
 * helper that loads literal rows into them on a {@link QueryEngine}.
 */
import type { QueryEngine } from '../../../adapters/ports.ts';
import { createTableFromRows } from '../../support/duckdb-query-engine.ts';

/** Column types of the tables the dashboards read. */
export const AGGREGATE_COLUMNS = {
  agg_participation: {
    period_type: 'VARCHAR',
    period: 'VARCHAR',
    district: 'VARCHAR',
    street_code: 'VARCHAR',
    active_volunteers: 'BIGINT',
    new_volunteers: 'BIGINT',
    returning_volunteers: 'BIGINT',
    registered_volunteers: 'BIGINT',
    service_records: 'BIGINT',
    service_hours: 'DECIMAL(18,2)',
    beneficiaries: 'BIGINT',
  },
  agg_project_outcomes: {
    period_type: 'VARCHAR',
    period: 'VARCHAR',
    project_code: 'VARCHAR',
    category: 'VARCHAR',
    district: 'VARCHAR',
    beneficiary_group: 'VARCHAR',
    service_records: 'BIGINT',
    service_hours: 'DECIMAL(18,2)',
    active_volunteers: 'BIGINT',
    beneficiaries: 'BIGINT',
  },
  agg_purchase_delivery: {
    period_type: 'VARCHAR',
    period: 'VARCHAR',
    contract_id: 'VARCHAR',
    funder: 'VARCHAR',
    funder_type: 'VARCHAR',
    service_records: 'BIGINT',
    service_hours: 'DECIMAL(18,2)',
    active_volunteers: 'BIGINT',
    beneficiaries: 'BIGINT',
    target_hours: 'DECIMAL(18,2)',
    target_beneficiaries: 'DECIMAL(18,2)',
    budget_cny: 'DECIMAL(18,2)',
    target_volunteers: 'INTEGER',
    contract_volunteers_to_date: 'BIGINT',
    hours_attainment: 'DOUBLE',
    cost_per_hour: 'DECIMAL(18,2)',
    volunteer_time_value_cny: 'DECIMAL(18,2)',
  },
  agg_star_levels: {
    period_type: 'VARCHAR',
    period: 'VARCHAR',
    district: 'VARCHAR',
    contract_id: 'VARCHAR',
    star: 'INTEGER',
    volunteers: 'BIGINT',
  },
  agg_data_quality: {
    grain: 'VARCHAR',
    batch_id: 'VARCHAR',
    district: 'VARCHAR',
    period: 'VARCHAR',
    error_code: 'VARCHAR',
    received: 'BIGINT',
    accepted: 'BIGINT',
    rejected: 'BIGINT',
    duplicates: 'BIGINT',
    corrections: 'BIGINT',
    unknown_projects: 'BIGINT',
    unlinked_volunteer_records: 'BIGINT',
    median_days_to_ingest: 'DOUBLE',
  },
  projects: {
    project_code: 'VARCHAR',
    name_zh: 'VARCHAR',
    name_en: 'VARCHAR',
    category: 'VARCHAR',
    district: 'VARCHAR',
  },
} as const satisfies Record<string, Record<string, string>>;

/** Table name → literal rows. */
export type AggregateRows = { [table in keyof typeof AGGREGATE_COLUMNS]: Record<string, unknown>[] };

/**
 * Creates every aggregate table (and `projects`) from literal rows.
 *
 * @example
 * await loadAggregateTables(engine, { agg_participation: [...], agg_project_outcomes: [], ... });
 */
export async function loadAggregateTables(engine: QueryEngine, rows: AggregateRows): Promise<void> {
  for (const table of Object.keys(AGGREGATE_COLUMNS) as (keyof typeof AGGREGATE_COLUMNS)[]) {
    await createTableFromRows(engine, table, AGGREGATE_COLUMNS[table], rows[table]);
  }
}
