-- Lineage: the batch and content hash of every current record of the contract in the period.
SELECT batch_id, CAST(batch_received_at AS VARCHAR) AS batch_received_at, row_hash
FROM service_records
WHERE contract_id = {{contract_id}}
  AND service_date BETWEEN DATE {{date_from}} AND DATE {{date_to}}
ORDER BY batch_id, row_hash
