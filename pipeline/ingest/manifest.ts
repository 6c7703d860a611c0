/**
 * The batch manifest in the OpsStore: status RECEIVED → PROCESSING → COMPLETED | FAILED |
 * DUPLICATE with conditional transitions, counts, content hash, months touched. Listed per
 * district (byDistrict index), newest first.
 */
import { ConditionFailedError, type Item, type OpsStore } from '../../adapters/ports.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import type { BatchCounts, BatchFailure, BatchOutcome, BatchStatus } from './batch-outcome.ts';
import { batchPk, districtBatchesPartition, MANIFEST_SK } from './ops-keys.ts';

export interface BatchManifest extends BatchCounts {
  batch_id: string;
  dataset: DatasetName;
  district: string;
  file_name: string;
  /** Landing key of the upload. */
  landing_key: string;
  status: BatchStatus;
  received_at: string;
  version: string;
  updated_at: string;
  content_hash: string | null;
  size_bytes: number | null;
  /** `YYYY-MM` months whose figures this batch changed (incremental aggregation). */
  months_touched: string[];
  errors_report: string | null;
  duplicate_of: string | null;
  failure: BatchFailure | null;
  /** Chunks the batch was split into (0 before processing). */
  chunks: number;
  /** Non-fatal notes: unknown columns ignored, personal columns dropped (header names only). */
  warnings: string[];
}

function toItem(m: BatchManifest): Item {
  return {
    pk: batchPk(m.batch_id),
    sk: MANIFEST_SK,
    gsi1pk: districtBatchesPartition(m.district),
    gsi1sk: `${m.received_at}#${m.batch_id}`,
    ...m,
  };
}

function fromItem(item: Item): BatchManifest {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, ...rest } = item;
  return rest as unknown as BatchManifest;
}

/**
 * Creates the RECEIVED manifest of a batch, or returns the existing one (a redelivered event
 * or a retry keeps the first received_at, hence the same version).
 *
 * @example
 * const m = await registerBatch(ops, { batch_id, dataset, district, file_name, landing_key, received_at, version });
 */
export async function registerBatch(
  ops: OpsStore,
  init: Pick<BatchManifest, 'batch_id' | 'dataset' | 'district' | 'file_name' | 'landing_key' | 'received_at' | 'version'>,
): Promise<BatchManifest> {
  const manifest: BatchManifest = {
    ...init,
    status: 'RECEIVED',
    updated_at: init.received_at,
    content_hash: null,
    size_bytes: null,
    received: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    corrections: 0,
    months_touched: [],
    errors_report: null,
    duplicate_of: null,
    failure: null,
    chunks: 0,
    warnings: [],
  };
  try {
    await ops.put(toItem(manifest), { kind: 'notExists' });
    return manifest;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const existing = await getManifest(ops, init.batch_id);
    if (!existing) throw error;
    return existing;
  }
}

/**
 * The manifest of a batch, or undefined.
 *
 * @example
 * (await getManifest(ops, 'b1'))?.status; // 'COMPLETED'
 */
export async function getManifest(ops: OpsStore, batchId: string): Promise<BatchManifest | undefined> {
  const item = await ops.get(batchPk(batchId), MANIFEST_SK);
  return item ? fromItem(item) : undefined;
}

/** Raised when a transition's source status does not hold (another worker moved the batch). */
export class TransitionConflictError extends Error {
  constructor(batchId: string, to: BatchStatus) {
    super(`batch ${batchId} cannot move to ${to} from its current status`);
    this.name = 'TransitionConflictError';
  }
}

/**
 * Moves a batch to `to` (with changes) when its status is one of `from`.
 *
 * @example
 * await transitionBatch(ops, m, 'PROCESSING', ['RECEIVED', 'PROCESSING'], { content_hash });
 */
export async function transitionBatch(
  ops: OpsStore,
  manifest: BatchManifest,
  to: BatchStatus,
  from: BatchStatus[],
  changes: Partial<BatchManifest> = {},
  now: Date = new Date(),
): Promise<BatchManifest> {
  const next: BatchManifest = { ...manifest, ...changes, status: to, updated_at: now.toISOString() };
  try {
    await ops.put(toItem(next), { kind: 'attributeIn', attribute: 'status', values: from });
  } catch (error) {
    if (error instanceof ConditionFailedError) throw new TransitionConflictError(manifest.batch_id, to);
    throw error;
  }
  return next;
}

/**
 * A district's batches, newest first.
 *
 * @example
 * const latest = await listDistrictBatches(ops, 'futian', 20);
 */
export async function listDistrictBatches(ops: OpsStore, district: string, limit?: number): Promise<BatchManifest[]> {
  const items = await ops.query({ index: 'byDistrict', partition: districtBatchesPartition(district), descending: true, limit });
  return items.map(fromItem);
}

/**
 * The outcome of a batch from its manifest (for the CLI and the upload API).
 *
 * @example
 * outcomeOf(manifest).status; // 'COMPLETED'
 */
export function outcomeOf(m: BatchManifest): BatchOutcome {
  const outcome: BatchOutcome = {
    batch_id: m.batch_id,
    dataset: m.dataset,
    district: m.district,
    status: m.status === 'RECEIVED' ? 'PROCESSING' : m.status,
    received: m.received,
    accepted: m.accepted,
    rejected: m.rejected,
    duplicates: m.duplicates,
    corrections: m.corrections,
    errors_report: m.errors_report,
    duplicate_of: m.duplicate_of,
  };
  if (m.failure) outcome.failure = m.failure;
  return outcome;
}
