-- Monthly delivery of the contract within the report period.
SELECT period AS month, service_records, service_hours, active_volunteers, beneficiaries, target_hours, hours_attainment
FROM agg_purchase_delivery
WHERE contract_id = {{contract_id}}
  AND period_type = 'month'
  AND period BETWEEN {{month_from}} AND {{month_to}}
ORDER BY period
