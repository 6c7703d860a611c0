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
-- The district of most approved hours so far: each district's cumulative hours only grow, so the
-- leader at a month is the best (hours, then lowest district) of all rows up to it, a running max of
-- hours in cents × 1000 + the district's descending rank within the person.
district_months AS (
  SELECT person, district, month, sum(hours) AS hours FROM served GROUP BY person, district, month
),
district_ranks AS (
  SELECT person, district, dense_rank() OVER (PARTITION BY person ORDER BY district DESC) AS district_rank
  FROM (SELECT DISTINCT person, district FROM served) d
),
district_keys AS (
  SELECT
    d.person, d.month,
    CAST(sum(d.hours) OVER (PARTITION BY d.person, d.district ORDER BY d.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) * 100 AS BIGINT)
      * 1000 + r.district_rank AS district_key
  FROM district_months d
  JOIN district_ranks r ON r.person = d.person AND r.district = d.district
),
events AS (
  SELECT person, month, hours, CAST(NULL AS BIGINT) AS district_key FROM served
  UNION ALL
  SELECT person, month, CAST(0 AS DECIMAL(18, 2)) AS hours, district_key FROM district_keys
  UNION ALL
  SELECT person, valid_from AS month, CAST(0 AS DECIMAL(18, 2)) AS hours, CAST(NULL AS BIGINT) AS district_key
  FROM registration_ranges
  UNION ALL
  SELECT
    person,
    CAST(CAST((month_index - month_index % 12) / 12 AS INTEGER) AS VARCHAR) || '-' || lpad(CAST(month_index % 12 + 1 AS VARCHAR), 2, '0')
      AS month,
    CAST(0 AS DECIMAL(18, 2)) AS hours,
    CAST(NULL AS BIGINT) AS district_key
  FROM threshold_months
),
event_months AS (
  SELECT person, month, sum(hours) AS hours, max(district_key) AS district_key FROM events GROUP BY person, month
),
person_timeline AS (
  SELECT
    person, month,
    sum(hours) OVER (PARTITION BY person ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_hours,
    max(district_key) OVER (PARTITION BY person ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      % 1000 AS leader_rank
  FROM event_months
),
standing AS (
  SELECT
    t.person, t.month, t.cumulative_hours, t.leader_rank,
    CASE WHEN p.registered_month <= t.month THEN p.first_registered_on ELSE p.first_service_date END AS since
  FROM person_timeline t
  JOIN people p ON p.person = t.person
  WHERE p.registered_month <= t.month OR p.service_month <= t.month
),
stars AS (
  SELECT
    s.person, s.month,
    COALESCE(r.district, d.district) AS district,
    {{> star hours=s.cumulative_hours months=s.months_registered}} AS star
  FROM (
    SELECT
      person, month, cumulative_hours, leader_rank,
      (CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) + 1)
        - (year(since) * 12 + month(since))
        - CASE WHEN day(since) > 1 THEN 1 ELSE 0 END AS months_registered
    FROM standing
  ) s
  LEFT JOIN registration_ranges r
    ON r.person = s.person AND r.valid_from <= s.month AND s.month < r.valid_to
  LEFT JOIN district_ranks d ON d.person = s.person AND d.district_rank = s.leader_rank
),
-- Only the months where a person's district or star changes, each valid until the next such month
-- ('9999-12' = open-ended, so the range joins below are plain comparisons DuckDB can hash-join).
changes AS (
  SELECT person, month, district, star
  FROM (
    SELECT
      person, month, district, star,
      lag(district) OVER (PARTITION BY person ORDER BY month) AS previous_district,
      lag(star) OVER (PARTITION BY person ORDER BY month) AS previous_star
    FROM stars
  ) t
  WHERE previous_star IS NULL OR previous_star <> star OR previous_district <> district
),
ranges AS (
  SELECT person, district, star, month, COALESCE(lead(month) OVER (PARTITION BY person ORDER BY month), '9999-12') AS next_month
  FROM changes
),
contract_firsts AS (
  SELECT contract_id, person, min(month) AS first_month
  FROM served
  WHERE contract_id <> 'none'
  GROUP BY contract_id, person
),
segments AS (
  SELECT 'all' AS contract_id, district, star, month AS valid_from, next_month AS valid_to FROM ranges
  UNION ALL
  SELECT cf.contract_id, s.district, s.star, greatest(s.month, cf.first_month) AS valid_from, s.next_month AS valid_to
  FROM ranges s
  JOIN contract_firsts cf ON cf.person = s.person
  WHERE cf.first_month < s.next_month
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
JOIN {{calendar}} c ON c.last_month >= g.valid_from AND c.last_month < g.valid_to
GROUP BY GROUPING SETS (
  (c.period_type, c.period, g.district, g.contract_id, g.star), (c.period_type, c.period, g.contract_id, g.star)
)
ORDER BY 1, 2, 3, 4, 5
