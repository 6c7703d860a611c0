-- The current version of each purchase contract.
contracts AS (
  SELECT contract_id, funder, funder_type, start_date, end_date, budget_cny, target_hours, target_volunteers, target_beneficiaries
  FROM (
    SELECT k.*, row_number() OVER (PARTITION BY k.contract_id ORDER BY k.version DESC) AS version_rank
    FROM {{contracts_versions}} k
  ) t
  WHERE version_rank = 1 AND NOT tombstone
)
