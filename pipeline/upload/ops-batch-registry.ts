/**
 * {@link BatchRegistry} over ingest's batch manifests in the OpsStore
 * (`pipeline/ingest/manifest.ts`): the API registers the batch in RECEIVED, ingest picks up
 * the same manifest when the file lands and moves it on.
 */
import type { OpsStore } from '../../adapters/ports.ts';
import { versionOf } from '../../schemas/datasets/lineage.ts';
import { errorsReportKey } from '../ingest/errors-report.ts';
import { type BatchManifest, getManifest, listDistrictBatches, registerBatch } from '../ingest/manifest.ts';
import type { BatchRegistry, BatchView } from './batch-registry.ts';

/**
 * The API's view of a manifest.
 *
 * @example
 * batchViewOf(manifest).errors_report_key; // 'rejects/service_records/district=futian/batch=b1/errors.csv'
 */
export function batchViewOf(m: BatchManifest): BatchView {
  return {
    batch_id: m.batch_id,
    dataset: m.dataset,
    district: m.district,
    status: m.status,
    file_name: m.file_name,
    received_at: m.received_at,
    received: m.received ?? 0,
    accepted: m.accepted ?? 0,
    rejected: m.rejected ?? 0,
    duplicates: m.duplicates ?? 0,
    corrections: m.corrections ?? 0,
    errors_report: m.errors_report ?? null,
    errors_report_key: m.errors_report ? errorsReportKey(m.dataset, m.district, m.batch_id) : null,
    duplicate_of: m.duplicate_of ?? null,
    ...(m.failure ? { failure: m.failure } : {}),
  };
}

/**
 * The batch registry on an OpsStore.
 *
 * @example
 * const batches = opsBatchRegistry(runtime.ops);
 * await batches.listByDistrict('futian', 20);
 */
export function opsBatchRegistry(ops: OpsStore): BatchRegistry {
  return {
    async create(batch) {
      await registerBatch(ops, {
        batch_id: batch.batch_id,
        dataset: batch.dataset,
        district: batch.district,
        file_name: batch.file_name,
        landing_key: batch.landing_key,
        received_at: batch.received_at,
        version: versionOf(batch.received_at, batch.batch_id),
      });
    },
    async get(batchId) {
      const manifest = await getManifest(ops, batchId);
      return manifest === undefined ? undefined : batchViewOf(manifest);
    },
    async listByDistrict(district, limit) {
      return (await listDistrictBatches(ops, district, limit)).map(batchViewOf);
    },
  };
}
