-- Data quality of the batches that fed the report: totals (error_code = all) and rejections by rule.
SELECT batch_id, error_code, received, accepted, rejected, duplicates, corrections, unknown_projects,
  unlinked_volunteer_records, median_days_to_ingest
FROM agg_data_quality
WHERE grain = 'batch'
  AND batch_id IN ({{batch_ids}})
ORDER BY batch_id, error_code
