-- agg_purchase_breakdown: each contract's records (any status and approved), hours, distinct
-- volunteers and beneficiaries by district, street and beneficiary group, per month, quarter,
-- year and over the contract to date, with `all` roll-ups.
WITH
{{> links}},
{{> facts}},
{{> contracts}},
{{> contract-periods}},
contract_facts AS (
  SELECT
    p.period_type, p.period, f.contract_id, f.district, f.street_code, f.beneficiary_group, f.records, f.approved,
    CASE WHEN f.approved THEN f.records ELSE 0 END AS approved_records,
    CASE WHEN f.approved THEN f.hours ELSE CAST(0 AS DECIMAL(18, 2)) END AS approved_hours,
    CASE WHEN f.approved THEN f.person END AS approved_person,
    CASE WHEN f.approved THEN f.beneficiaries ELSE 0 END AS approved_beneficiaries
  FROM contract_periods p
  JOIN facts f ON f.contract_id = p.contract_id AND f.month >= p.first_month AND f.month <= p.last_month
)
SELECT
  period_type,
  period,
  contract_id,
  CASE WHEN grouping(district) = 1 THEN 'all' ELSE district END AS district,
  CASE WHEN grouping(street_code) = 1 THEN 'all' ELSE street_code END AS street_code,
  CASE WHEN grouping(beneficiary_group) = 1 THEN 'all' ELSE beneficiary_group END AS beneficiary_group,
  CAST(sum(records) AS BIGINT) AS records_total,
  CAST(sum(approved_records) AS BIGINT) AS records_approved,
  CAST(sum(approved_hours) AS DECIMAL(18, 2)) AS service_hours,
  CAST(count(DISTINCT approved_person) AS BIGINT) AS active_volunteers,
  CAST(sum(approved_beneficiaries) AS BIGINT) AS beneficiaries
FROM contract_facts
GROUP BY GROUPING SETS (
  (period_type, period, contract_id, district, street_code, beneficiary_group),
  (period_type, period, contract_id, district, street_code),
  (period_type, period, contract_id, district, beneficiary_group),
  (period_type, period, contract_id, district),
  (period_type, period, contract_id, beneficiary_group),
  (period_type, period, contract_id)
)
ORDER BY 1, 2, 3, 4, 5, 6
