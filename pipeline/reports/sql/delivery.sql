-- Contracted vs delivered for the report period (prorated targets, cost per hour, value of volunteer time).
SELECT contract_id, funder, funder_type, service_records, service_hours, active_volunteers, beneficiaries,
  target_hours, target_beneficiaries, budget_cny, target_volunteers, contract_volunteers_to_date,
  hours_attainment, cost_per_hour, volunteer_time_value_cny
FROM agg_purchase_delivery
WHERE contract_id = {{contract_id}}
  AND period_type = {{period_type}}
  AND (period_type = 'contract' OR period = {{period}})
