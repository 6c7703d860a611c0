-- agg_participation: active / new / returning / registered volunteers, records, hours and
-- beneficiaries by period × district × street, with `all` roll-ups (distinct counts per grain).
WITH
{{> links}},
{{> facts}},
{{> firsts}},
{{> registered}},
{{> registration-ranges}},
approved_facts AS (
  SELECT
    mp.period_type, mp.period, f.district, f.street_code, f.person, f.records, f.hours, f.beneficiaries,
    CASE WHEN fi.first_month >= mp.first_month THEN 1 ELSE 0 END AS is_new
  FROM facts f
  JOIN {{month_periods}} mp ON mp.month = f.month
  JOIN firsts fi ON fi.person = f.person
  WHERE f.approved
),
-- Distinct people per grain by grouping on the person first (much cheaper than count(DISTINCT)
-- in grouping sets); every active person is either new or returning in a period.
street_people AS (
  SELECT
    period_type, period, district, street_code, person, max(is_new) AS is_new,
    sum(records) AS records, sum(hours) AS hours, sum(beneficiaries) AS beneficiaries
  FROM approved_facts
  GROUP BY period_type, period, district, street_code, person
),
district_people AS (
  SELECT period_type, period, district, person, max(is_new) AS is_new
  FROM street_people
  GROUP BY period_type, period, district, person
),
city_people AS (
  SELECT period_type, period, person, max(is_new) AS is_new
  FROM district_people
  GROUP BY period_type, period, person
),
street_activity AS (
  SELECT
    period_type, period, district, street_code,
    count(*) AS active_volunteers,
    sum(is_new) AS new_volunteers,
    sum(records) AS service_records,
    sum(hours) AS service_hours,
    sum(beneficiaries) AS beneficiaries
  FROM street_people
  GROUP BY period_type, period, district, street_code
),
activity AS (
  SELECT
    period_type, period, district, street_code, active_volunteers, new_volunteers,
    active_volunteers - new_volunteers AS returning_volunteers, service_records,
    CAST(service_hours AS DECIMAL(18, 2)) AS service_hours, beneficiaries
  FROM street_activity
  UNION ALL
  SELECT
    s.period_type, s.period, s.district, 'all' AS street_code, d.active_volunteers, d.new_volunteers,
    d.active_volunteers - d.new_volunteers AS returning_volunteers, s.service_records,
    CAST(s.service_hours AS DECIMAL(18, 2)) AS service_hours, s.beneficiaries
  FROM (
    SELECT period_type, period, district, sum(service_records) AS service_records, sum(service_hours) AS service_hours,
      sum(beneficiaries) AS beneficiaries
    FROM street_activity
    GROUP BY period_type, period, district
  ) s
  JOIN (
    SELECT period_type, period, district, count(*) AS active_volunteers, sum(is_new) AS new_volunteers
    FROM district_people
    GROUP BY period_type, period, district
  ) d ON d.period_type = s.period_type AND d.period = s.period AND d.district = s.district
  UNION ALL
  SELECT
    s.period_type, s.period, 'all' AS district, 'all' AS street_code, c.active_volunteers, c.new_volunteers,
    c.active_volunteers - c.new_volunteers AS returning_volunteers, s.service_records,
    CAST(s.service_hours AS DECIMAL(18, 2)) AS service_hours, s.beneficiaries
  FROM (
    SELECT period_type, period, sum(service_records) AS service_records, sum(service_hours) AS service_hours,
      sum(beneficiaries) AS beneficiaries
    FROM street_activity
    GROUP BY period_type, period
  ) s
  JOIN (
    SELECT period_type, period, count(*) AS active_volunteers, sum(is_new) AS new_volunteers
    FROM city_people
    GROUP BY period_type, period
  ) c ON c.period_type = s.period_type AND c.period = s.period
),
registration_groups AS (
  SELECT district, street_code, valid_from, valid_to, count(*) AS people
  FROM registration_ranges
  GROUP BY district, street_code, valid_from, valid_to
),
registered_counts AS (
  -- Each person has one latest registration at a time, so distinct people add up across areas.
  SELECT
    c.period_type, c.period,
    CASE WHEN grouping(r.district) = 1 THEN 'all' ELSE r.district END AS district,
    CASE WHEN grouping(r.street_code) = 1 THEN 'all' ELSE r.street_code END AS street_code,
    sum(r.people) AS registered_volunteers
  FROM registration_groups r
  JOIN {{calendar}} c ON c.last_month >= r.valid_from AND c.last_month < r.valid_to
  GROUP BY GROUPING SETS (
    (c.period_type, c.period, r.district, r.street_code), (c.period_type, c.period, r.district), (c.period_type, c.period)
  )
),
combined AS (
  SELECT
    COALESCE(a.period_type, r.period_type) AS period_type,
    COALESCE(a.period, r.period) AS period,
    COALESCE(a.district, r.district) AS district,
    COALESCE(a.street_code, r.street_code) AS street_code,
    COALESCE(a.active_volunteers, 0) AS active_volunteers,
    COALESCE(a.new_volunteers, 0) AS new_volunteers,
    COALESCE(a.returning_volunteers, 0) AS returning_volunteers,
    COALESCE(r.registered_volunteers, 0) AS registered_volunteers,
    COALESCE(a.service_records, 0) AS service_records,
    COALESCE(a.service_hours, CAST(0 AS DECIMAL(18, 2))) AS service_hours,
    COALESCE(a.beneficiaries, 0) AS beneficiaries
  FROM activity a
  FULL OUTER JOIN registered_counts r
    ON r.period_type = a.period_type AND r.period = a.period AND r.district = a.district AND r.street_code = a.street_code
)
SELECT
  x.period_type,
  x.period,
  x.district,
  x.street_code,
  CAST(x.active_volunteers AS BIGINT) AS active_volunteers,
  CAST(x.new_volunteers AS BIGINT) AS new_volunteers,
  CAST(x.returning_volunteers AS BIGINT) AS returning_volunteers,
  CAST(x.registered_volunteers AS BIGINT) AS registered_volunteers,
  CAST(x.service_records AS BIGINT) AS service_records,
  CAST(x.service_hours AS DECIMAL(18, 2)) AS service_hours,
  CAST(x.beneficiaries AS BIGINT) AS beneficiaries,
  c.period_start < {{history_start}} AS before_history_start
FROM combined x
JOIN {{calendar}} c ON c.period_type = x.period_type AND c.period = x.period
ORDER BY x.period_type, x.period, x.district, x.street_code
