-- Each contract's periods: the calendar periods that overlap it, plus `contract` (start to
-- min(end, as-of)), labelled `YYYY-MM-DD..YYYY-MM-DD`. first_month/last_month select the
-- int_volunteer_month months the period covers.
contract_periods AS (
  SELECT
    k.contract_id, c.period_type, c.period, c.first_month, c.last_month,
    greatest(c.period_start, k.start_date) AS overlap_start,
    least(c.period_end, k.end_date) AS overlap_end
  FROM contracts k
  JOIN {{calendar}} c ON c.period_start <= k.end_date AND c.period_end >= k.start_date
  UNION ALL
  SELECT
    k.contract_id,
    'contract' AS period_type,
    CAST(k.start_date AS VARCHAR) || '..' || CAST(least(k.end_date, {{as_of}}) AS VARCHAR) AS period,
    substr(CAST(k.start_date AS VARCHAR), 1, 7) AS first_month,
    substr(CAST(least(k.end_date, {{as_of}}) AS VARCHAR), 1, 7) AS last_month,
    k.start_date AS overlap_start,
    least(k.end_date, {{as_of}}) AS overlap_end
  FROM contracts k
  WHERE k.start_date <= {{as_of}}
)
