-- Star levels of the volunteers who served the contract, at the end of the period
-- (for the whole contract: at the end of its latest month with data).
SELECT period_type, period, star, volunteers
FROM agg_star_levels
WHERE contract_id = {{contract_id}}
  AND district = 'all'
  AND period_type = {{star_period_type}}
  AND period = (
    SELECT max(period) FROM agg_star_levels
    WHERE contract_id = {{contract_id}} AND district = 'all' AND period_type = {{star_period_type}}
      AND period BETWEEN {{star_period_from}} AND {{star_period_to}}
  )
ORDER BY star
