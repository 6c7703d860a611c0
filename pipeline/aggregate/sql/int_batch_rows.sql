-- int_batch_rows: every accepted (non-tombstone) version row of service records, counted per
-- batch × district × days from service to receipt × project × volunteer number key (NULL for ID
-- numbers). Feeds agg_data_quality (unknown projects, unlinked numbers, median days to ingest).
SELECT
  batch_id,
  district,
  CAST(batch_received_at AS DATE) AS received_on,
  date_diff('day', service_date, CAST(batch_received_at AS DATE)) AS days_to_ingest,
  project_code,
  CASE WHEN id_kind = 'volunteer_number' THEN volunteer_key END AS number_key,
  count(*) AS version_rows,
  year || '-' || month AS month
FROM {{service_records_versions}}
WHERE ({{month_filter}}) AND NOT tombstone
GROUP BY
  batch_id, district, CAST(batch_received_at AS DATE), date_diff('day', service_date, CAST(batch_received_at AS DATE)),
  project_code, CASE WHEN id_kind = 'volunteer_number' THEN volunteer_key END, year || '-' || month
