-- int_registrations: the current version of each registration (district × registration key within
-- its partition), reduced to the columns aggregation needs. Reads only the partitions bound to
-- `month_filter`.
WITH ranked AS (
  SELECT
    r.*,
    row_number() OVER (PARTITION BY r.year, r.month, r.district, r.registration_key ORDER BY r.version DESC) AS version_rank
  FROM {{registrations_versions}} r
  WHERE {{month_filter}}
)
SELECT
  registration_key,
  id_key,
  number_key,
  volunteer_key,
  district,
  street_code,
  registered_on,
  version,
  year || '-' || month AS month
FROM ranked
WHERE version_rank = 1 AND NOT tombstone
