-- agg_data_quality: per service-records batch and per district × month received: rows received,
-- accepted, rejected (per rule code on code rows), duplicates, corrections (from the batch
-- manifests, bound as `batches` and `batch_rejects`), and from the lake: accepted rows naming
-- an unknown project, rows whose volunteer number is not linked to an ID number, and the median
-- days from service date to batch receipt (exact median from a histogram of days).
-- Code rows carry only `rejected`; their other counts are 0 and the median NULL.
WITH
{{> links}},
current_projects AS (
  SELECT DISTINCT project_code
  FROM (
    SELECT p.project_code, p.tombstone, row_number() OVER (PARTITION BY p.project_code ORDER BY p.version DESC) AS version_rank
    FROM {{projects_versions}} p
  ) t
  WHERE version_rank = 1 AND NOT tombstone
),
batches AS (
  SELECT * FROM {{batches}} WHERE batch_id IS NOT NULL
),
batch_rejects AS (
  SELECT * FROM {{batch_rejects}} WHERE batch_id IS NOT NULL
),
groups AS (
  SELECT 'batch' AS grain, b.batch_id AS group_batch, b.district, b.period, b.batch_id FROM batches b
  UNION ALL
  SELECT 'district_month' AS grain, 'all' AS group_batch, b.district, b.period, b.batch_id FROM batches b
),
batch_rows AS (
  SELECT
    r.batch_id, r.days_to_ingest, r.version_rows,
    CASE WHEN p.project_code IS NULL THEN r.version_rows ELSE 0 END AS unknown_project_rows,
    CASE WHEN r.number_key IS NOT NULL AND l.number_key IS NULL THEN r.version_rows ELSE 0 END AS unlinked_rows
  FROM {{int_batch_rows}} r
  LEFT JOIN current_projects p ON p.project_code = r.project_code
  LEFT JOIN links l ON l.number_key = r.number_key
),
manifest_counts AS (
  SELECT
    g.grain, g.group_batch, g.district, g.period,
    sum(b.received) AS received, sum(b.accepted) AS accepted, sum(b.rejected) AS rejected,
    sum(b.duplicates) AS duplicates, sum(b.corrections) AS corrections
  FROM groups g
  JOIN batches b ON b.batch_id = g.batch_id
  GROUP BY g.grain, g.group_batch, g.district, g.period
),
lake_counts AS (
  SELECT
    g.grain, g.group_batch, g.district, g.period,
    sum(r.unknown_project_rows) AS unknown_projects,
    sum(r.unlinked_rows) AS unlinked_volunteer_records
  FROM groups g
  JOIN batch_rows r ON r.batch_id = g.batch_id
  GROUP BY g.grain, g.group_batch, g.district, g.period
),
histogram AS (
  SELECT g.grain, g.group_batch, g.district, g.period, r.days_to_ingest, sum(r.version_rows) AS n
  FROM groups g
  JOIN batch_rows r ON r.batch_id = g.batch_id
  GROUP BY g.grain, g.group_batch, g.district, g.period, r.days_to_ingest
),
cumulative AS (
  SELECT
    grain, group_batch, district, period, days_to_ingest,
    sum(n) OVER (PARTITION BY grain, group_batch, district, period ORDER BY days_to_ingest ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      AS through,
    sum(n) OVER (PARTITION BY grain, group_batch, district, period) AS total
  FROM histogram
),
medians AS (
  SELECT
    grain, group_batch, district, period,
    CAST(
      min(CASE WHEN through >= floor(CAST(total + 1 AS DOUBLE) / 2) THEN days_to_ingest END)
      + min(CASE WHEN through >= ceil(CAST(total + 1 AS DOUBLE) / 2) THEN days_to_ingest END) AS DOUBLE
    ) / 2 AS median_days_to_ingest
  FROM cumulative
  GROUP BY grain, group_batch, district, period
)
SELECT
  m.grain,
  m.group_batch AS batch_id,
  m.district,
  m.period,
  'all' AS error_code,
  CAST(m.received AS BIGINT) AS received,
  CAST(m.accepted AS BIGINT) AS accepted,
  CAST(m.rejected AS BIGINT) AS rejected,
  CAST(m.duplicates AS BIGINT) AS duplicates,
  CAST(m.corrections AS BIGINT) AS corrections,
  CAST(COALESCE(l.unknown_projects, 0) AS BIGINT) AS unknown_projects,
  CAST(COALESCE(l.unlinked_volunteer_records, 0) AS BIGINT) AS unlinked_volunteer_records,
  md.median_days_to_ingest
FROM manifest_counts m
LEFT JOIN lake_counts l
  ON l.grain = m.grain AND l.group_batch = m.group_batch AND l.district = m.district AND l.period = m.period
LEFT JOIN medians md
  ON md.grain = m.grain AND md.group_batch = m.group_batch AND md.district = m.district AND md.period = m.period
UNION ALL
SELECT
  g.grain,
  g.group_batch AS batch_id,
  g.district,
  g.period,
  j.error_code,
  CAST(0 AS BIGINT) AS received,
  CAST(0 AS BIGINT) AS accepted,
  CAST(sum(j.rejected) AS BIGINT) AS rejected,
  CAST(0 AS BIGINT) AS duplicates,
  CAST(0 AS BIGINT) AS corrections,
  CAST(0 AS BIGINT) AS unknown_projects,
  CAST(0 AS BIGINT) AS unlinked_volunteer_records,
  CAST(NULL AS DOUBLE) AS median_days_to_ingest
FROM groups g
JOIN batch_rejects j ON j.batch_id = g.batch_id
GROUP BY g.grain, g.group_batch, g.district, g.period, j.error_code
ORDER BY 1, 2, 3, 4, 5
