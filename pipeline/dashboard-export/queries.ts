/**
 * The SELECTs the export step runs: one per aggregate table, each read once per export and
 * split by period in memory. Plain SQL both DuckDB and Athena (Trino) accept.
 */

/** City, district and street participation rows of every month, quarter and year. */
export const PARTICIPATION_SQL = `SELECT period_type, period, district, street_code, active_volunteers, new_volunteers,
  returning_volunteers, registered_volunteers, service_records, service_hours, beneficiaries
FROM agg_participation
WHERE period_type IN ('month', 'quarter', 'year')`;

/** City-level project outcomes (the site shows the city; district rows would need suppression). */
export const PROJECT_OUTCOMES_SQL = `SELECT period_type, period, project_code, category, beneficiary_group, service_records,
  service_hours, active_volunteers, beneficiaries
FROM agg_project_outcomes
WHERE period_type IN ('month', 'quarter', 'year') AND district = 'all'`;

/** Project names (reference data uploaded by the federation). */
export const PROJECT_NAMES_SQL = `SELECT project_code, max(name_zh) AS name_zh, max(name_en) AS name_en
FROM projects
GROUP BY project_code`;

/** Contract delivery per period and over the contract to date. */
export const PURCHASE_DELIVERY_SQL = `SELECT period_type, period, contract_id, funder, funder_type, service_records, service_hours,
  active_volunteers, beneficiaries, target_hours, target_beneficiaries, budget_cny, target_volunteers,
  contract_volunteers_to_date, hours_attainment, cost_per_hour, volunteer_time_value_cny
FROM agg_purchase_delivery
WHERE period_type IN ('month', 'quarter', 'year', 'contract')`;

/** City-level star distribution over all contracts. */
export const STAR_LEVELS_SQL = `SELECT period_type, period, star, volunteers
FROM agg_star_levels
WHERE period_type IN ('month', 'quarter', 'year') AND district = 'all' AND contract_id = 'all'`;

/** Data quality per batch and per district and month. */
export const DATA_QUALITY_SQL = `SELECT grain, batch_id, district, period, error_code, received, accepted, rejected, duplicates,
  corrections, unknown_projects, unlinked_volunteer_records, median_days_to_ingest
FROM agg_data_quality`;
