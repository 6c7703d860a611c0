/**
 * Records in the OpsStore without transactions. Each record (district, natural key) has a
 * current-version pointer and one item per version. A block of accepted records is
 * reconciled against the pointers:
 *
 * - no pointer → `new`: pointer put with `notExists`;
 * - pointer written by this very batch (a retry after a crash) → its recorded outcome again;
 * - pointer of an older version with the same row hash → `duplicate`: nothing is written;
 * - pointer of an older version with another hash → `correction`: pointer put on condition
 *   that it still holds the version read (compare-and-set), so a concurrent batch can never
 *   be rolled back nor lose a tombstone; on a failed condition the record is read and
 *   decided again;
 * - pointer of a newer version (a later batch got there first) → `superseded`: this version
 *   is kept in the lake (every version is), the pointer is left alone, and when the current
 *   version lives in another month a tombstone at the current version hides this one.
 *
 * Version items (batch, hash, outcome, source row) are written after the pointers, with
 * deterministic keys, so a repeat writes the same items.
 */
import { ConditionFailedError, type Item, type OpsStore } from '../../adapters/ports.ts';
import type { StoredRecord } from '../identity/normalise.ts';
import { CURRENT_SK, cityRecordsPartition, recordPk, versionSk, volunteerPartition } from './ops-keys.ts';

/** An accepted, normalised record ready for reconciliation. */
export interface AcceptedRecord {
  naturalKey: string;
  record: StoredRecord;
  rowHash: string;
  /** `YYYY-MM` of its partition, or null for federation-level datasets. */
  month: string | null;
  partitionDate: string | null;
  volunteerKey: string | null;
  sourceRow: number;
}

/** How a record was counted. */
export type RecordOutcome = 'new' | 'correction' | 'duplicate';

/** What the lake receives for one record. */
export interface LakeWrite {
  /** Write this version's row into `month` (false for duplicates). */
  version: boolean;
  /** Months (`YYYY-MM`) that receive a tombstone, with the version the tombstone carries. */
  tombstones: { month: string; version: string }[];
}

/** The decision for one record. */
export interface Reconciled {
  record: AcceptedRecord;
  outcome: RecordOutcome;
  lake: LakeWrite;
  /** Months whose figures change because of this record. */
  touched: string[];
}

/** The batch a block belongs to. */
export interface ReconcileBatch {
  dataset: string;
  district: string;
  batchId: string;
  version: string;
}

const MAX_ATTEMPTS = 8;
const PUT_CONCURRENCY = 16;

async function mapLimit<T, R>(values: readonly T[], limit: number, fn: (value: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(values.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, values.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= values.length) return;
      out[i] = await fn(values[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

function pointerItem(batch: ReconcileBatch, r: AcceptedRecord, outcome: RecordOutcome, prevMonth: string | null): Item {
  const item: Item = {
    pk: recordPk(batch.dataset, batch.district, r.naturalKey),
    sk: CURRENT_SK,
    dataset: batch.dataset,
    district: batch.district,
    natural_key: r.naturalKey,
    version: batch.version,
    batch_id: batch.batchId,
    row_hash: r.rowHash,
    month: r.month,
    prev_month: prevMonth,
    outcome,
    source_row: r.sourceRow,
    data: r.record,
  };
  if (r.volunteerKey) {
    item.gsi2pk = volunteerPartition(r.volunteerKey);
    item.gsi2sk = `${batch.dataset}#${r.partitionDate ?? ''}#${batch.district}#${r.naturalKey}`;
  }
  if (batch.district === 'city') {
    item.gsi1pk = cityRecordsPartition(batch.dataset);
    item.gsi1sk = r.naturalKey;
  }
  return item;
}

function versionItem(batch: ReconcileBatch, d: Reconciled): Item {
  return {
    pk: recordPk(batch.dataset, batch.district, d.record.naturalKey),
    sk: versionSk(batch.version),
    batch_id: batch.batchId,
    version: batch.version,
    row_hash: d.record.rowHash,
    month: d.record.month,
    outcome: d.outcome,
    source_row: d.record.sourceRow,
  };
}

function monthsOf(...months: (string | null | undefined)[]): string[] {
  return [...new Set(months.filter((m): m is string => typeof m === 'string'))];
}

/**
 * Reconciles a block of accepted records of one batch (natural keys unique within the block)
 * and returns, per record, its outcome and what the lake must receive.
 *
 * @example
 * const decisions = await reconcileRecords(ops, { dataset: 'service_records', district: 'futian', batchId, version }, block);
 */
export async function reconcileRecords(
  ops: OpsStore,
  batch: ReconcileBatch,
  block: readonly AcceptedRecord[],
): Promise<Reconciled[]> {
  if (block.length === 0) return [];
  const pointers = new Map<string, Item>();
  for (const item of await ops.batchGet(
    block.map((r) => ({ pk: recordPk(batch.dataset, batch.district, r.naturalKey), sk: CURRENT_SK })),
  ))
    pointers.set(String(item.pk), item);

  const decisions = await mapLimit(block, PUT_CONCURRENCY, async (r) => {
    const pk = recordPk(batch.dataset, batch.district, r.naturalKey);
    let pointer = pointers.get(pk);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        return await decide(ops, batch, r, pointer);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        pointer = await ops.get(pk, CURRENT_SK);
      }
    }
    throw new Error(`record ${r.naturalKey}: pointer kept changing under ${MAX_ATTEMPTS} attempts`);
  });

  const versions = decisions.filter((d) => d.outcome !== 'duplicate').map((d) => versionItem(batch, d));
  if (versions.length > 0) await ops.batchPut(versions);
  return decisions;
}

async function decide(ops: OpsStore, batch: ReconcileBatch, r: AcceptedRecord, pointer: Item | undefined): Promise<Reconciled> {
  if (!pointer) {
    await ops.put(pointerItem(batch, r, 'new', null), { kind: 'notExists' });
    return { record: r, outcome: 'new', lake: { version: true, tombstones: [] }, touched: monthsOf(r.month) };
  }
  const currentVersion = String(pointer.version);
  const currentMonth = (pointer.month as string | null | undefined) ?? null;
  if (pointer.batch_id === batch.batchId && currentVersion === batch.version) {
    // Our own write, from an earlier attempt of this batch.
    const outcome = pointer.outcome as RecordOutcome;
    const prevMonth = (pointer.prev_month as string | null | undefined) ?? null;
    return withTombstone(r, outcome, prevMonth, batch.version);
  }
  if (currentVersion > batch.version) return superseded(ops, batch, r, pointer);
  if (pointer.row_hash === r.rowHash)
    return { record: r, outcome: 'duplicate', lake: { version: false, tombstones: [] }, touched: [] };
  await ops.put(pointerItem(batch, r, 'correction', currentMonth), {
    kind: 'attributeIn',
    attribute: 'version',
    values: [currentVersion],
  });
  return withTombstone(r, 'correction', currentMonth, batch.version);
}

function withTombstone(r: AcceptedRecord, outcome: RecordOutcome, prevMonth: string | null, version: string): Reconciled {
  if (outcome === 'duplicate') return { record: r, outcome, lake: { version: false, tombstones: [] }, touched: [] };
  const moved = prevMonth !== null && r.month !== null && prevMonth !== r.month;
  return {
    record: r,
    outcome,
    lake: { version: true, tombstones: moved ? [{ month: prevMonth, version }] : [] },
    touched: monthsOf(r.month, moved ? prevMonth : null),
  };
}

async function superseded(ops: OpsStore, batch: ReconcileBatch, r: AcceptedRecord, pointer: Item): Promise<Reconciled> {
  // A retry of this batch may have recorded its outcome before the later batch arrived.
  const own = await ops.get(recordPk(batch.dataset, batch.district, r.naturalKey), versionSk(batch.version));
  const outcome: RecordOutcome =
    (own?.outcome as RecordOutcome | undefined) ?? (pointer.row_hash === r.rowHash ? 'duplicate' : 'correction');
  if (outcome === 'duplicate') return { record: r, outcome, lake: { version: false, tombstones: [] }, touched: [] };
  const currentMonth = (pointer.month as string | null | undefined) ?? null;
  const hidden = r.month !== null && currentMonth !== null && currentMonth !== r.month;
  return {
    record: r,
    outcome,
    lake: { version: true, tombstones: hidden ? [{ month: r.month!, version: String(pointer.version) }] : [] },
    touched: monthsOf(r.month),
  };
}
