-- Current registrations with their person key.
registered AS (
  SELECT
    COALESCE(r.id_key, l.id_key, r.volunteer_key) AS person,
    r.district, r.street_code, r.registered_on, r.version
  FROM {{int_registrations}} r
  LEFT JOIN links l ON l.number_key = CASE WHEN r.id_key IS NULL THEN r.number_key END
)
