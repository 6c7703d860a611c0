-- Volunteer numbers linked to an ID number by any current registration (the lowest ID key wins
-- when a number was linked to several).
links AS (
  SELECT number_key, min(id_key) AS id_key
  FROM {{int_registrations}}
  WHERE number_key IS NOT NULL AND id_key IS NOT NULL
  GROUP BY number_key
)
