-- int_volunteer_month with each volunteer key resolved to its person (a linked number counts as the ID).
facts AS (
  SELECT
    COALESCE(l.id_key, i.volunteer_key) AS person,
    i.month, i.district, i.street_code, i.project_code, i.category, i.beneficiary_group, i.contract_id,
    i.approved, i.records, i.hours, i.beneficiaries, i.first_service_date, i.last_service_date
  FROM {{int_volunteer_month}} i
  -- One equality (not a constant test in the ON clause), so engines hash-join it.
  LEFT JOIN links l ON l.number_key = CASE WHEN i.id_kind = 'volunteer_number' THEN i.volunteer_key END
)
