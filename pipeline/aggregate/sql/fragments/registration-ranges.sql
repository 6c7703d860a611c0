-- Each person's latest registration as a month range: a registration is the latest from its month
-- (valid_from) until the month of the person's next registration (valid_to, exclusive; '9999-12' = still, so range joins stay plain comparisons).
-- Order (ties): registration date, then version, then district and street descending, so the last
-- one by a month's end is the latest (newest version, lowest district and street on ties).
-- Registrations superseded within their own month have an empty range and are dropped.
registration_ranges AS (
  SELECT person, district, street_code, valid_from, valid_to
  FROM (
    SELECT
      person, district, street_code,
      substr(CAST(registered_on AS VARCHAR), 1, 7) AS valid_from,
      COALESCE(
        lead(substr(CAST(registered_on AS VARCHAR), 1, 7)) OVER (
          PARTITION BY person ORDER BY registered_on, version, district DESC, street_code DESC
        ),
        '9999-12'
      ) AS valid_to
    FROM registered
  ) t
  WHERE valid_from < valid_to
)
