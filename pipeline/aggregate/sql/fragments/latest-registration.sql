-- Each person's latest registration by each period's end (ties: newest version, then district, street).
latest_registration AS (
  SELECT period_type, period, person, district, street_code
  FROM (
    SELECT
      c.period_type, c.period, g.person, g.district, g.street_code,
      row_number() OVER (
        PARTITION BY c.period_type, c.period, g.person
        ORDER BY g.registered_on DESC, g.version DESC, g.district, g.street_code
      ) AS registration_rank
    FROM {{calendar}} c
    JOIN registered g ON g.registered_on <= c.period_end
  ) t
  WHERE registration_rank = 1
)
