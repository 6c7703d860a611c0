-- agg_star_levels: star levels at each period's end over everyone registered or with approved
-- service by then; home district = latest registration, else the district of most approved hours;
-- contract rows count the volunteers who served the contract by the period's end.
-- Stars (DESIGN.md): highest of 1★ 100 h/6 months, 2★ 300/6, 3★ 600/12, 4★ 1000/12, 5★ 1500/24,
-- months registered counted in whole months from the earliest registration (else first approved
-- service) to the day after the period's end.
--
-- Everything about a person at a period's end depends only on the period's last month, and only
-- changes in a few months (service months, registration months, the months the 6/12/24-month
-- thresholds are crossed). So each person gets one row per such event month, valid until the next
-- one; rows are counted per (contract, district, star, month range) and only those counts are
-- joined to the periods (no person × period rows).
WITH
{{> links}},
{{> facts}},
{{> registered}},
{{> registration-ranges}},
served AS (
  SELECT person, month, district, contract_id, hours, first_service_date
  FROM facts
  WHERE approved
),
first_registration AS (
  SELECT person, min(registered_on) AS first_registered_on FROM registered GROUP BY person
),
first_service AS (
  SELECT person, min(first_service_date) AS first_service_date FROM served GROUP BY person
),
people AS (
  SELECT
    COALESCE(r.person, s.person) AS person,
    r.first_registered_on,
    s.first_service_date,
    substr(CAST(r.first_registered_on AS VARCHAR), 1, 7) AS registered_month,
    substr(CAST(s.first_service_date AS VARCHAR), 1, 7) AS service_month
  FROM first_registration r
  FULL OUTER JOIN first_service s ON s.person = r.person
),
-- Month index (year × 12 + month - 1) at which months registered reaches 6, 12 and 24 from a start date.
start_dates AS (
  SELECT person, first_registered_on AS since FROM people WHERE first_registered_on IS NOT NULL
  UNION ALL
  SELECT person, first_service_date AS since FROM people WHERE first_service_date IS NOT NULL
),
threshold_months AS (
  SELECT
    s.person,
    year(s.since) * 12 + month(s.since) - 1 + CASE WHEN day(s.since) > 1 THEN 1 ELSE 0 END + t.months - 1 AS month_index
  FROM start_dates s
  CROSS JOIN (VALUES (6), (12), (24)) AS t(months)
),
events AS (
  SELECT person, month, hours FROM served
  UNION ALL
  SELECT person, valid_from AS month, CAST(0 AS DECIMAL(18, 2)) AS hours FROM registration_ranges
  UNION ALL
  SELECT
    person,
    CAST(CAST((month_index - month_index % 12) / 12 AS INTEGER) AS VARCHAR) || '-' || lpad(CAST(month_index % 12 + 1 AS VARCHAR), 2, '0')
      AS month,
    CAST(0 AS DECIMAL(18, 2)) AS hours
  FROM threshold_months
),
event_months AS (
  SELECT person, month, sum(hours) AS hours FROM events GROUP BY person, month
),
person_timeline AS (
  SELECT
    person, month,
    sum(hours) OVER (PARTITION BY person ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_hours,
    lead(month) OVER (PARTITION BY person ORDER BY month) AS next_month
  FROM event_months
),
district_months AS (
  SELECT person, district, month, sum(hours) AS hours FROM served GROUP BY person, district, month
),
district_cumulative AS (
  SELECT
    person, district, month,
    sum(hours) OVER (PARTITION BY person, district ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      AS cumulative_hours,
    lead(month) OVER (PARTITION BY person, district ORDER BY month) AS next_month
  FROM district_months
),
hours_district AS (
  SELECT person, month, district
  FROM (
    SELECT
      t.person, t.month, d.district,
      row_number() OVER (PARTITION BY t.person, t.month ORDER BY d.cumulative_hours DESC, d.district) AS district_rank
    FROM person_timeline t
    JOIN district_cumulative d
      ON d.person = t.person AND d.month <= t.month AND (d.next_month IS NULL OR t.month < d.next_month)
  ) x
  WHERE district_rank = 1
),
standing AS (
  SELECT
    t.person, t.month, t.next_month, t.cumulative_hours,
    CASE WHEN p.registered_month <= t.month THEN p.first_registered_on ELSE p.first_service_date END AS since
  FROM person_timeline t
  JOIN people p ON p.person = t.person
  WHERE p.registered_month <= t.month OR p.service_month <= t.month
),
stars AS (
  SELECT
    s.person, s.month, s.next_month,
    COALESCE(r.district, h.district) AS district,
    {{> star hours=s.cumulative_hours months=s.months_registered}} AS star
  FROM (
    SELECT
      person, month, next_month, cumulative_hours,
      (CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) + 1)
        - (year(since) * 12 + month(since))
        - CASE WHEN day(since) > 1 THEN 1 ELSE 0 END AS months_registered
    FROM standing
  ) s
  LEFT JOIN registration_ranges r
    ON r.person = s.person AND r.valid_from <= s.month AND (r.valid_to IS NULL OR s.month < r.valid_to)
  LEFT JOIN hours_district h ON h.person = s.person AND h.month = s.month
),
contract_firsts AS (
  SELECT contract_id, person, min(month) AS first_month
  FROM served
  WHERE contract_id <> 'none'
  GROUP BY contract_id, person
),
segments AS (
  SELECT 'all' AS contract_id, district, star, month AS valid_from, next_month AS valid_to FROM stars
  UNION ALL
  SELECT cf.contract_id, s.district, s.star, greatest(s.month, cf.first_month) AS valid_from, s.next_month AS valid_to
  FROM stars s
  JOIN contract_firsts cf ON cf.person = s.person
  WHERE s.next_month IS NULL OR cf.first_month < s.next_month
),
segment_groups AS (
  SELECT contract_id, district, star, valid_from, valid_to, count(*) AS people
  FROM segments
  GROUP BY contract_id, district, star, valid_from, valid_to
)
-- A person has one district and one star at a time, so people add up across districts.
SELECT
  c.period_type,
  c.period,
  CASE WHEN grouping(g.district) = 1 THEN 'all' ELSE g.district END AS district,
  g.contract_id,
  CAST(g.star AS INTEGER) AS star,
  CAST(sum(g.people) AS BIGINT) AS volunteers
FROM segment_groups g
JOIN {{calendar}} c ON c.last_month >= g.valid_from AND (g.valid_to IS NULL OR c.last_month < g.valid_to)
GROUP BY GROUPING SETS (
  (c.period_type, c.period, g.district, g.contract_id, g.star), (c.period_type, c.period, g.contract_id, g.star)
)
ORDER BY 1, 2, 3, 4, 5
