CASE
      WHEN {{hours}} >= 1500 AND {{months}} >= 24 THEN 5
      WHEN {{hours}} >= 1000 AND {{months}} >= 12 THEN 4
      WHEN {{hours}} >= 600 AND {{months}} >= 12 THEN 3
      WHEN {{hours}} >= 300 AND {{months}} >= 6 THEN 2
      WHEN {{hours}} >= 100 AND {{months}} >= 6 THEN 1
      ELSE 0
    END
