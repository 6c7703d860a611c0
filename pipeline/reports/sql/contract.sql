-- The purchase contract a report is about (current version, from the contracts view).
SELECT contract_id, funder, funder_type,
  CAST(start_date AS VARCHAR) AS start_date, CAST(end_date AS VARCHAR) AS end_date,
  budget_cny, target_hours, target_volunteers, target_beneficiaries
FROM contracts
WHERE contract_id = {{contract_id}}
