/**
 * Item keys of ingest in the operational table (one table, `pk`/`sk`, GSIs byDistrict on
 * gsi1pk/gsi1sk and byVolunteer on gsi2pk/gsi2sk):
 *
 * | item | pk | sk | gsi1 | gsi2 |
 * |---|---|---|---|---|
 * | batch manifest | `BATCH#{id}` | `MANIFEST` | `BATCHES#{district}` / `{received_at}#{id}` | |
 * | chunk result | `BATCH#{id}` | `CHUNK#{nnnn}` | | |
 * | content lookup | `CONTENT#{dataset}#{district}#{sha256}` | `CONTENT` | | |
 * | record (current-version pointer) | `REC#{dataset}#{district}#{natural key}` | `CURRENT` | city datasets: `RECORDS#{dataset}` / key | `VOL#{volunteer_key}` / `{dataset}#{date}#{district}#{key}` |
 * | record version | same pk | `V#{version}` | | |
 */

export const MANIFEST_SK = 'MANIFEST';
export const CURRENT_SK = 'CURRENT';

/** pk of a batch's items. */
export const batchPk = (batchId: string): string => `BATCH#${batchId}`;
/** sk of a chunk's result. */
export const chunkSk = (chunk: number): string => `CHUNK#${String(chunk).padStart(4, '0')}`;
/** gsi1pk listing a district's batches. */
export const districtBatchesPartition = (district: string): string => `BATCHES#${district}`;
/** pk of the lookup from file content to the batch that completed it. */
export const contentPk = (dataset: string, district: string, sha256: string): string =>
  `CONTENT#${dataset}#${district}#${sha256}`;
/** pk of one record (all its versions and its current pointer). */
export const recordPk = (dataset: string, district: string, naturalKey: string): string =>
  `REC#${dataset}#${district}#${naturalKey}`;
/** sk of one version of a record. */
export const versionSk = (version: string): string => `V#${version}`;
/** gsi1pk listing the current records of a federation-level dataset (contracts at batch start). */
export const cityRecordsPartition = (dataset: string): string => `RECORDS#${dataset}`;
/** gsi2pk listing a volunteer's current records. */
export const volunteerPartition = (volunteerKey: string): string => `VOL#${volunteerKey}`;
