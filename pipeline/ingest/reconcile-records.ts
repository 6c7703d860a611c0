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
import { ConditionFailedError, type Item, type OpsStore, type WriteCondition } from '../../adapters/ports.ts';
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

/** What the lake receives for one record (shared between decisions: never change one). */
export interface LakeWrite {
  /** Write this version's row into `month` (false for duplicates). */
  readonly version: boolean;
  /** Months (`YYYY-MM`) that receive a tombstone, with the version the tombstone carries. */
  readonly tombstones: readonly { readonly month: string; readonly version: string }[];
}

/** The decision for one record. */
export interface Reconciled {
  record: AcceptedRecord;
  outcome: RecordOutcome;
  lake: LakeWrite;
  /** Months whose figures change because of this record (may be shared: never change it). */
  touched: readonly string[];
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

const NO_MONTHS: readonly string[] = Object.freeze([]);
const VERSION_ONLY: LakeWrite = Object.freeze({ version: true, tombstones: Object.freeze([]) });
const NOTHING: LakeWrite = Object.freeze({ version: false, tombstones: Object.freeze([]) });
const NOT_EXISTS: WriteCondition = Object.freeze({ kind: 'notExists' });

/** One frozen `[month]` per month, so the common decision allocates no array. */
const singleMonths = new Map<string, readonly string[]>();

function monthsOf(a: string | null, b: string | null = null): readonly string[] {
  if (a === null) return b === null ? NO_MONTHS : monthsOf(b);
  if (b !== null && b !== a) return [a, b];
  let months = singleMonths.get(a);
  if (months === undefined) {
    months = Object.freeze([a]);
    // Months are `YYYY-MM` of valid dates: few, but keep the cache bounded whatever comes.
    if (singleMonths.size < 10_000) singleMonths.set(a, months);
  }
  return months;
}

function pointerItem(
  batch: ReconcileBatch,
  pk: string,
  r: AcceptedRecord,
  outcome: RecordOutcome,
  prevMonth: string | null,
): Item {
  const item: Item = {
    pk,
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

function versionItem(batch: ReconcileBatch, pk: string, sk: string, d: Reconciled): Item {
  return {
    pk,
    sk,
    batch_id: batch.batchId,
    version: batch.version,
    row_hash: d.record.rowHash,
    month: d.record.month,
    outcome: d.outcome,
    source_row: d.record.sourceRow,
  };
}

/** The decision for a record new to the district. */
function created(r: AcceptedRecord): Reconciled {
  return { record: r, outcome: 'new', lake: VERSION_ONLY, touched: monthsOf(r.month) };
}

/**
 * Reconciles a block of accepted records of one batch (natural keys unique within the block)
 * and returns, per record, its outcome and what the lake must receive.
 *
 * A record without a pointer (the common case: new to the district) costs one conditional
 * put; only a failed condition, or an existing pointer, takes the general path.
 *
 * @example
 * const decisions = await reconcileRecords(ops, { dataset: 'service_records', district: 'futian', batchId, version }, block);
 */
export async function reconcileRecords(
  ops: OpsStore,
  batch: ReconcileBatch,
  block: readonly AcceptedRecord[],
): Promise<Reconciled[]> {
  const n = block.length;
  if (n === 0) return [];
  const pks = new Array<string>(n);
  const keys = new Array<{ pk: string; sk: string }>(n);
  // `REC#{dataset}#{district}#` once, then one concatenation per record (the natural key ends the pk).
  const pkPrefix = recordPk(batch.dataset, batch.district, '');
  for (let i = 0; i < n; i++) {
    const pk = pkPrefix + block[i]!.naturalKey;
    pks[i] = pk;
    keys[i] = { pk, sk: CURRENT_SK };
  }
  const found = await ops.batchGet(keys);
  const pointers = new Map<string, Item>();
  for (const item of found) pointers.set(String(item.pk), item);

  const decisions = new Array<Reconciled>(n);
  const work: BlockWork = { ops, batch, block, pks, pointers, decisions, next: 0 };
  const workers = new Array<Promise<void>>(Math.min(PUT_CONCURRENCY, n));
  for (let w = 0; w < workers.length; w++) workers[w] = decideNext(work);
  await Promise.all(workers);

  const sk = versionSk(batch.version);
  const versions: Item[] = [];
  for (let i = 0; i < n; i++) {
    const d = decisions[i]!;
    if (d.outcome !== 'duplicate') versions.push(versionItem(batch, pks[i]!, sk, d));
  }
  if (versions.length > 0) await ops.batchPut(versions);
  return decisions;
}

/** One block being reconciled, shared by the {@link decideNext} calls working on it. */
interface BlockWork {
  readonly ops: OpsStore;
  readonly batch: ReconcileBatch;
  readonly block: readonly AcceptedRecord[];
  readonly pks: readonly string[];
  readonly pointers: ReadonlyMap<string, Item>;
  readonly decisions: Reconciled[];
  /** The next record not yet taken. */
  next: number;
}

/**
 * Takes the block's records one at a time and decides each, until none is left;
 * {@link PUT_CONCURRENCY} calls run at once. A module function, not a closure made per block:
 * V8 recompiled such closures again and again (`--trace-opt`, 1M rows, two worker lanes: 5 to
 * 15 optimising compiles a lane, ~30 ms each on a compiler thread; this function: one).
 */
async function decideNext(work: BlockWork): Promise<void> {
  const { ops, batch, block, pks, pointers, decisions } = work;
  const n = block.length;
  for (let i = work.next++; i < n; i = work.next++) {
    const r = block[i]!;
    const pk = pks[i]!;
    const pointer = pointers.size === 0 ? undefined : pointers.get(pk);
    if (pointer === undefined) {
      try {
        await ops.put(pointerItem(batch, pk, r, 'new', null), NOT_EXISTS);
        decisions[i] = created(r);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        // Another writer created it since the read: decide again on what is there now.
        decisions[i] = await decideWithRetries(ops, batch, pk, r, await ops.get(pk, CURRENT_SK), 1);
      }
    } else decisions[i] = await decideWithRetries(ops, batch, pk, r, pointer, 0);
  }
}

/** {@link decide}, reading the pointer again after each failed condition (`attempt` made so far). */
async function decideWithRetries(
  ops: OpsStore,
  batch: ReconcileBatch,
  pk: string,
  r: AcceptedRecord,
  pointer: Item | undefined,
  attempt: number,
): Promise<Reconciled> {
  for (; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await decide(ops, batch, pk, r, pointer);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      pointer = await ops.get(pk, CURRENT_SK);
    }
  }
  throw new Error(`record ${r.naturalKey}: pointer kept changing under ${MAX_ATTEMPTS} attempts`);
}

async function decide(
  ops: OpsStore,
  batch: ReconcileBatch,
  pk: string,
  r: AcceptedRecord,
  pointer: Item | undefined,
): Promise<Reconciled> {
  if (!pointer) {
    await ops.put(pointerItem(batch, pk, r, 'new', null), NOT_EXISTS);
    return created(r);
  }
  const currentVersion = String(pointer.version);
  const currentMonth = (pointer.month as string | null | undefined) ?? null;
  if (pointer.batch_id === batch.batchId && currentVersion === batch.version) {
    // Our own write, from an earlier attempt of this batch.
    const outcome = pointer.outcome as RecordOutcome;
    const prevMonth = (pointer.prev_month as string | null | undefined) ?? null;
    return withTombstone(r, outcome, prevMonth, batch.version);
  }
  if (currentVersion > batch.version) return superseded(ops, batch, pk, r, pointer);
  if (pointer.row_hash === r.rowHash) return unchanged(r);
  await ops.put(pointerItem(batch, pk, r, 'correction', currentMonth), {
    kind: 'attributeIn',
    attribute: 'version',
    values: [currentVersion],
  });
  return withTombstone(r, 'correction', currentMonth, batch.version);
}

function unchanged(r: AcceptedRecord): Reconciled {
  return { record: r, outcome: 'duplicate', lake: NOTHING, touched: NO_MONTHS };
}

function withTombstone(r: AcceptedRecord, outcome: RecordOutcome, prevMonth: string | null, version: string): Reconciled {
  if (outcome === 'duplicate') return unchanged(r);
  const moved = prevMonth !== null && r.month !== null && prevMonth !== r.month;
  return {
    record: r,
    outcome,
    lake: moved ? { version: true, tombstones: [{ month: prevMonth, version }] } : VERSION_ONLY,
    touched: monthsOf(r.month, moved ? prevMonth : null),
  };
}

async function superseded(
  ops: OpsStore,
  batch: ReconcileBatch,
  pk: string,
  r: AcceptedRecord,
  pointer: Item,
): Promise<Reconciled> {
  // A retry of this batch may have recorded its outcome before the later batch arrived.
  const own = await ops.get(pk, versionSk(batch.version));
  const outcome: RecordOutcome =
    (own?.outcome as RecordOutcome | undefined) ?? (pointer.row_hash === r.rowHash ? 'duplicate' : 'correction');
  if (outcome === 'duplicate') return unchanged(r);
  const currentMonth = (pointer.month as string | null | undefined) ?? null;
  const hidden = r.month !== null && currentMonth !== null && currentMonth !== r.month;
  return {
    record: r,
    outcome,
    lake: hidden ? { version: true, tombstones: [{ month: r.month!, version: String(pointer.version) }] } : VERSION_ONLY,
    touched: monthsOf(r.month),
  };
}
