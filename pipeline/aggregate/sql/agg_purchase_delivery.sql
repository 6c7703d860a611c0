-- agg_purchase_delivery: each contract's delivery per month, quarter, year and over the contract
-- to date, against targets and budget prorated by overlap days ÷ contract days (both inclusive,
-- rounded half up to the cent). Money is computed in integer cents so both engines agree exactly.
WITH
{{> links}},
{{> facts}},
{{> contracts}},
{{> contract-periods}},
delivered AS (
  SELECT
    p.contract_id, p.period_type, p.period,
    sum(f.records) AS records,
    sum(f.hours) AS hours,
    count(DISTINCT f.person) AS volunteers,
    sum(f.beneficiaries) AS beneficiaries
  FROM contract_periods p
  JOIN facts f ON f.contract_id = p.contract_id AND f.month >= p.first_month AND f.month <= p.last_month
  WHERE f.approved
  GROUP BY p.contract_id, p.period_type, p.period
),
contract_firsts AS (
  SELECT contract_id, person, min(month) AS first_month
  FROM facts
  WHERE approved AND contract_id <> 'none'
  GROUP BY contract_id, person
),
to_date AS (
  SELECT p.contract_id, p.period_type, p.period, count(*) AS volunteers
  FROM contract_periods p
  JOIN contract_firsts cf ON cf.contract_id = p.contract_id AND cf.first_month <= p.last_month
  GROUP BY p.contract_id, p.period_type, p.period
),
cents AS (
  SELECT
    p.contract_id, p.period_type, p.period, k.funder, k.funder_type, k.target_volunteers,
    CAST(date_diff('day', p.overlap_start, p.overlap_end) + 1 AS BIGINT) AS overlap_days,
    CAST(date_diff('day', k.start_date, k.end_date) + 1 AS BIGINT) AS contract_days,
    CAST(k.target_hours * 100 AS BIGINT) AS target_hours_cents,
    CAST(k.target_beneficiaries AS BIGINT) * 100 AS target_beneficiaries_cents,
    CAST(k.budget_cny * 100 AS BIGINT) AS budget_cents,
    COALESCE(d.records, 0) AS records,
    COALESCE(d.hours, CAST(0 AS DECIMAL(18, 2))) AS hours,
    CAST(COALESCE(d.hours, 0) * 100 AS BIGINT) AS hours_cents,
    COALESCE(d.volunteers, 0) AS volunteers,
    COALESCE(d.beneficiaries, 0) AS beneficiaries,
    COALESCE(t.volunteers, 0) AS volunteers_to_date
  FROM contract_periods p
  JOIN contracts k ON k.contract_id = p.contract_id
  LEFT JOIN delivered d ON d.contract_id = p.contract_id AND d.period_type = p.period_type AND d.period = p.period
  LEFT JOIN to_date t ON t.contract_id = p.contract_id AND t.period_type = p.period_type AND t.period = p.period
),
prorated AS (
  SELECT
    c.*,
    CAST(floor(CAST(2 * target_hours_cents * overlap_days + contract_days AS DOUBLE) / CAST(2 * contract_days AS DOUBLE)) AS BIGINT)
      AS target_hours_prorated,
    CAST(floor(CAST(2 * target_beneficiaries_cents * overlap_days + contract_days AS DOUBLE) / CAST(2 * contract_days AS DOUBLE)) AS BIGINT)
      AS target_beneficiaries_prorated,
    CAST(floor(CAST(2 * budget_cents * overlap_days + contract_days AS DOUBLE) / CAST(2 * contract_days AS DOUBLE)) AS BIGINT)
      AS budget_prorated
  FROM cents c
)
SELECT
  period_type,
  period,
  contract_id,
  funder,
  funder_type,
  CAST(records AS BIGINT) AS service_records,
  CAST(hours AS DECIMAL(18, 2)) AS service_hours,
  CAST(volunteers AS BIGINT) AS active_volunteers,
  CAST(beneficiaries AS BIGINT) AS beneficiaries,
  CAST(CAST(target_hours_prorated AS DECIMAL(18, 0)) * CAST('0.01' AS DECIMAL(3, 2)) AS DECIMAL(14, 2)) AS target_hours,
  CAST(CAST(target_beneficiaries_prorated AS DECIMAL(18, 0)) * CAST('0.01' AS DECIMAL(3, 2)) AS DECIMAL(14, 2))
    AS target_beneficiaries,
  CAST(CAST(budget_prorated AS DECIMAL(18, 0)) * CAST('0.01' AS DECIMAL(3, 2)) AS DECIMAL(16, 2)) AS budget_cny,
  CAST(target_volunteers AS INTEGER) AS target_volunteers,
  CAST(volunteers_to_date AS BIGINT) AS contract_volunteers_to_date,
  CASE WHEN target_hours_prorated = 0 THEN NULL
    ELSE CAST(hours_cents AS DOUBLE) / CAST(target_hours_prorated AS DOUBLE) END AS hours_attainment,
  CASE WHEN hours_cents = 0 THEN NULL
    ELSE CAST(CAST(floor(CAST(200 * budget_prorated + hours_cents AS DOUBLE) / CAST(2 * hours_cents AS DOUBLE)) AS DECIMAL(18, 0))
      * CAST('0.01' AS DECIMAL(3, 2)) AS DECIMAL(14, 2)) END AS cost_per_hour,
  CAST(CAST(floor(CAST(2 * hours_cents * {{hourly_wage_cents}} + 100 AS DOUBLE) / CAST(200 AS DOUBLE)) AS DECIMAL(18, 0))
    * CAST('0.01' AS DECIMAL(3, 2)) AS DECIMAL(16, 2)) AS volunteer_time_value_cny
FROM prorated
ORDER BY period_type, period, contract_id
