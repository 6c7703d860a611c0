-- Each person's first month with an approved record anywhere in the city.
firsts AS (
  SELECT person, min(month) AS first_month
  FROM facts
  WHERE approved
  GROUP BY person
)
