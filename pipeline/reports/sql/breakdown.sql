-- Delivery of the contract by district, street and beneficiary group (each a value or all).
SELECT district, street_code, beneficiary_group, records_total, records_approved, service_hours,
  active_volunteers, beneficiaries
FROM agg_purchase_breakdown
WHERE contract_id = {{contract_id}}
  AND period_type = {{period_type}}
  AND (period_type = 'contract' OR period = {{period}})
ORDER BY district, street_code, beneficiary_group
