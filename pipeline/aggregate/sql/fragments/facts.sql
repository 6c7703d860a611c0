-- int_volunteer_month with each volunteer key resolved to its person (a linked number counts as the ID).
facts AS (
  SELECT
    COALESCE(l.id_key, i.volunteer_key) AS person,
    i.month, i.district, i.street_code, i.project_code, i.category, i.beneficiary_group, i.contract_id,
    i.approved, i.records, i.hours, i.beneficiaries, i.first_service_date, i.last_service_date
  FROM {{int_volunteer_month}} i
  LEFT JOIN links l ON i.id_kind = 'volunteer_number' AND l.number_key = i.volunteer_key
)
