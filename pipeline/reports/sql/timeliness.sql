-- Timeliness: days from service date to batch receipt of the contract's approved records in the period
-- (median via row_number, portable between Trino and DuckDB).
WITH lags AS (
  SELECT date_diff('day', service_date, CAST(batch_received_at AS DATE)) AS days
  FROM service_records
  WHERE contract_id = {{contract_id}}
    AND status = 'approved'
    AND service_date BETWEEN DATE {{date_from}} AND DATE {{date_to}}
), ranked AS (
  SELECT days, row_number() OVER (ORDER BY days) AS rn, count(*) OVER () AS n
  FROM lags
)
SELECT count(*) AS records,
  avg(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN days END) AS median_days,
  sum(CASE WHEN days <= 30 THEN 1 ELSE 0 END) AS within_30_days
FROM ranked
