-- volunteer_profiles: per person with approved service, cumulative approved hours, star level
-- as of `as_of` and first and last approved service dates (written back to the OpsStore).
WITH
{{> links}},
{{> facts}},
{{> registered}},
served AS (
  SELECT person, sum(hours) AS hours, min(first_service_date) AS first_service_date, max(last_service_date) AS last_service_date
  FROM facts
  WHERE approved
  GROUP BY person
),
first_registration AS (
  SELECT person, min(registered_on) AS first_registered_on FROM registered GROUP BY person
),
standing AS (
  SELECT
    s.person, s.hours, s.first_service_date, s.last_service_date,
    CASE WHEN r.first_registered_on <= {{as_of}} THEN r.first_registered_on ELSE s.first_service_date END AS since
  FROM served s
  LEFT JOIN first_registration r ON r.person = s.person
),
measured AS (
  SELECT
    person, hours, first_service_date, last_service_date,
    (year({{as_of_next}}) * 12 + month({{as_of_next}})) - (year(since) * 12 + month(since))
      - CASE WHEN day({{as_of_next}}) < day(since) THEN 1 ELSE 0 END AS months_registered
  FROM standing
)
SELECT
  person AS volunteer_key,
  CAST(hours AS DECIMAL(18, 2)) AS cumulative_hours,
  CAST({{> star hours=hours months=months_registered}} AS INTEGER) AS star,
  first_service_date,
  last_service_date
FROM measured
ORDER BY volunteer_key
