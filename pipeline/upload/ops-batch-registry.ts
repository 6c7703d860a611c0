/**
 * {@link BatchRegistry} over the OpsStore's batch manifest items.
 *
 * Item layout (shared with ingest): pk `BATCH#{id}`, sk `MANIFEST`; index byDistrict
 * gsi1pk `DISTRICT#{slug}`, gsi1sk `BATCH#{received_at}#{id}` (newest first when descending).
 */
import type { Item, OpsStore } from '../../adapters/ports.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import type { BatchRegistry, BatchStatus, BatchView, NewBatch } from './batch-registry.ts';

const MANIFEST_SK = 'MANIFEST';

function manifestPk(batchId: string): string {
  return `BATCH#${batchId}`;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads a manifest item into the API's view. */
export function batchViewOf(item: Item): BatchView {
  const failure = item.failure as BatchView['failure'] | undefined;
  return {
    batch_id: String(item.batch_id),
    dataset: item.dataset as DatasetName,
    district: String(item.district),
    status: item.status as BatchStatus,
    file_name: String(item.file_name ?? ''),
    received_at: String(item.received_at ?? ''),
    received: count(item.received),
    accepted: count(item.accepted),
    rejected: count(item.rejected),
    duplicates: count(item.duplicates),
    corrections: count(item.corrections),
    errors_report: text(item.errors_report),
    errors_report_key: text(item.errors_report_key),
    duplicate_of: text(item.duplicate_of),
    ...(failure ? { failure } : {}),
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
    async create(batch: NewBatch) {
      await ops.put(
        {
          pk: manifestPk(batch.batch_id),
          sk: MANIFEST_SK,
          gsi1pk: `DISTRICT#${batch.district}`,
          gsi1sk: `BATCH#${batch.received_at}#${batch.batch_id}`,
          kind: 'batch',
          ...batch,
          status: 'RECEIVED',
          received: 0,
          accepted: 0,
          rejected: 0,
          duplicates: 0,
          corrections: 0,
        },
        { kind: 'notExists' },
      );
    },
    async get(batchId) {
      const item = await ops.get(manifestPk(batchId), MANIFEST_SK);
      return item === undefined ? undefined : batchViewOf(item);
    },
    async listByDistrict(district, limit) {
      const items = await ops.query({
        index: 'byDistrict',
        partition: `DISTRICT#${district}`,
        sortPrefix: 'BATCH#',
        descending: true,
        limit,
      });
      return items.map(batchViewOf);
    },
  };
}
