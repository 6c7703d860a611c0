-- agg_star_levels: star levels at each period's end over everyone registered or with approved
-- service by then; home district = latest registration, else the district of most approved hours;
-- contract rows count the volunteers who served the contract by the period's end.
-- Stars (DESIGN.md): highest of 1★ 100 h/6 months, 2★ 300/6, 3★ 600/12, 4★ 1000/12, 5★ 1500/24,
-- months registered counted in whole months from the earliest registration (else first approved
-- service) to the day after the period's end.
WITH
{{> links}},
{{> facts}},
{{> registered}},
{{> latest-registration}},
served AS (
  SELECT person, month, district, contract_id, hours, first_service_date
  FROM facts
  WHERE approved
),
person_months AS (
  SELECT person, month, sum(hours) AS hours FROM served GROUP BY person, month
),
person_cumulative AS (
  SELECT
    person, month,
    sum(hours) OVER (PARTITION BY person ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_hours,
    lead(month) OVER (PARTITION BY person ORDER BY month) AS next_month
  FROM person_months
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
first_registration AS (
  SELECT person, min(registered_on) AS first_registered_on FROM registered GROUP BY person
),
first_service AS (
  SELECT person, min(first_service_date) AS first_service_date FROM served GROUP BY person
),
people AS (
  SELECT COALESCE(r.person, s.person) AS person, r.first_registered_on, s.first_service_date
  FROM first_registration r
  FULL OUTER JOIN first_service s ON s.person = r.person
),
population AS (
  SELECT
    c.period_type, c.period, c.last_month, c.period_next, p.person,
    CASE WHEN p.first_registered_on <= c.period_end THEN p.first_registered_on ELSE p.first_service_date END AS since
  FROM {{calendar}} c
  JOIN people p ON p.first_registered_on <= c.period_end OR p.first_service_date <= c.period_end
),
period_hours AS (
  SELECT c.period_type, c.period, pc.person, pc.cumulative_hours
  FROM person_cumulative pc
  JOIN {{calendar}} c ON c.last_month >= pc.month AND (pc.next_month IS NULL OR c.last_month < pc.next_month)
),
period_district_hours AS (
  SELECT c.period_type, c.period, dc.person, dc.district, dc.cumulative_hours
  FROM district_cumulative dc
  JOIN {{calendar}} c ON c.last_month >= dc.month AND (dc.next_month IS NULL OR c.last_month < dc.next_month)
),
standing AS (
  SELECT
    po.period_type, po.period, po.last_month, po.person,
    COALESCE(ph.cumulative_hours, CAST(0 AS DECIMAL(18, 2))) AS hours,
    (year(po.period_next) * 12 + month(po.period_next)) - (year(po.since) * 12 + month(po.since))
      - CASE WHEN day(po.period_next) < day(po.since) THEN 1 ELSE 0 END AS months_registered
  FROM population po
  LEFT JOIN period_hours ph ON ph.period_type = po.period_type AND ph.period = po.period AND ph.person = po.person
),
stars AS (
  SELECT period_type, period, last_month, person,
    {{> star hours=hours months=months_registered}} AS star
  FROM standing
),
hours_district AS (
  SELECT period_type, period, person, district
  FROM (
    SELECT
      period_type, period, person, district,
      row_number() OVER (PARTITION BY period_type, period, person ORDER BY cumulative_hours DESC, district) AS district_rank
    FROM period_district_hours
  ) t
  WHERE district_rank = 1
),
homed AS (
  SELECT s.period_type, s.period, s.last_month, s.person, s.star, COALESCE(lr.district, hd.district) AS district
  FROM stars s
  LEFT JOIN latest_registration lr ON lr.period_type = s.period_type AND lr.period = s.period AND lr.person = s.person
  LEFT JOIN hours_district hd ON hd.period_type = s.period_type AND hd.period = s.period AND hd.person = s.person
),
contract_firsts AS (
  SELECT contract_id, person, min(month) AS first_month
  FROM served
  WHERE contract_id <> 'none'
  GROUP BY contract_id, person
),
expanded AS (
  SELECT period_type, period, district, 'all' AS contract_id, star, person FROM homed
  UNION ALL
  SELECT h.period_type, h.period, h.district, cf.contract_id, h.star, h.person
  FROM homed h
  JOIN contract_firsts cf ON cf.person = h.person AND cf.first_month <= h.last_month
)
SELECT
  period_type,
  period,
  CASE WHEN grouping(district) = 1 THEN 'all' ELSE district END AS district,
  contract_id,
  CAST(star AS INTEGER) AS star,
  CAST(count(DISTINCT person) AS BIGINT) AS volunteers
FROM expanded
GROUP BY GROUPING SETS ((period_type, period, district, contract_id, star), (period_type, period, contract_id, star))
ORDER BY 1, 2, 3, 4, 5
