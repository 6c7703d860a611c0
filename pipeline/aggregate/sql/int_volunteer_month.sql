-- int_volunteer_month: current versions of service records, summed at
-- volunteer key × month × district × street × project × category × beneficiary group × contract × approved.
-- Reads only the month partitions bound to `month_filter`. The volunteer key is the record's own
-- key (person resolution through registrations happens when aggregating, so links that arrive later
-- apply to old months too). `approved` = false rows carry the not-approved (pending, not_approved) records.
WITH ranked AS (
  SELECT
    v.*,
    row_number() OVER (PARTITION BY v.year, v.month, v.district, v.record_id ORDER BY v.version DESC) AS version_rank
  FROM {{service_records_versions}} v
  WHERE {{month_filter}}
)
SELECT
  volunteer_key,
  id_kind,
  district,
  street_code,
  project_code,
  category,
  COALESCE(beneficiary_group, 'none') AS beneficiary_group,
  COALESCE(contract_id, 'none') AS contract_id,
  status = 'approved' AS approved,
  count(*) AS records,
  CAST(sum(hours) AS DECIMAL(18, 2)) AS hours,
  sum(CAST(beneficiaries AS BIGINT)) AS beneficiaries,
  min(service_date) AS first_service_date,
  max(service_date) AS last_service_date,
  year || '-' || month AS month
FROM ranked
WHERE version_rank = 1 AND NOT tombstone
GROUP BY
  volunteer_key, id_kind, district, street_code, project_code, category,
  COALESCE(beneficiary_group, 'none'), COALESCE(contract_id, 'none'), status = 'approved', year || '-' || month
