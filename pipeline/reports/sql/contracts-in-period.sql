-- Contracts whose term overlaps a period (the ones a scheduled run reports on).
SELECT contract_id
FROM contracts
WHERE start_date <= DATE {{date_to}}
  AND end_date >= DATE {{date_from}}
ORDER BY contract_id
