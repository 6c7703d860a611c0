-- agg_project_outcomes: approved records, hours, distinct volunteers and beneficiaries by
-- period × project × category × district × beneficiary group, with `all` roll-ups.
WITH
{{> links}},
{{> facts}}
SELECT
  mp.period_type,
  mp.period,
  f.project_code,
  f.category,
  CASE WHEN grouping(f.district) = 1 THEN 'all' ELSE f.district END AS district,
  CASE WHEN grouping(f.beneficiary_group) = 1 THEN 'all' ELSE f.beneficiary_group END AS beneficiary_group,
  CAST(sum(f.records) AS BIGINT) AS service_records,
  CAST(sum(f.hours) AS DECIMAL(18, 2)) AS service_hours,
  CAST(count(DISTINCT f.person) AS BIGINT) AS active_volunteers,
  CAST(sum(f.beneficiaries) AS BIGINT) AS beneficiaries
FROM facts f
JOIN {{month_periods}} mp ON mp.month = f.month
WHERE f.approved
GROUP BY GROUPING SETS (
  (mp.period_type, mp.period, f.project_code, f.category, f.district, f.beneficiary_group),
  (mp.period_type, mp.period, f.project_code, f.category, f.district),
  (mp.period_type, mp.period, f.project_code, f.category, f.beneficiary_group),
  (mp.period_type, mp.period, f.project_code, f.category)
)
ORDER BY 1, 2, 3, 4, 5, 6
