/**
 * What the aggregation job needs of each completed ingest batch: the month partitions it
 * touched (incremental recomputation) and its row counts (data quality). Read from the batch
 * manifests ingest writes in the OpsStore (pk `BATCH#{id}`, sk `MANIFEST`, index byDistrict on
 * `BATCHES#{district}`).
 */
import type { Item, OpsStore } from '../../adapters/ports.ts';
import type { DatasetName } from '../../schemas/dataset.ts';
import { CITY, DISTRICTS } from '../../schemas/reference/index.ts';
import { districtBatchesPartition } from '../ingest/ops-keys.ts';
import { sqlInteger, sqlNullableString, sqlString } from './sql-literals.ts';

/** One completed batch. */
export interface BatchFacts {
  batchId: string;
  dataset: DatasetName;
  district: string;
  /** ISO instant the batch was received. */
  receivedAt: string;
  /** ISO instant the batch completed (its files became visible in the lake). */
  completedAt: string;
  /** Month partitions (`YYYY-MM`) the batch wrote into, tombstones included. */
  months: string[];
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  corrections: number;
  /** Rejected rows per rule code (a row with two failing rules counts under both). */
  rejectCodes: Record<string, number>;
}

/** Where the job finds completed batches. */
export interface BatchFactsSource {
  completedBatches(): Promise<BatchFacts[]>;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Accepts `['2026-11']`, `['2026/11']`, `[{ year, month }]` and `year=2026/month=11/…` shapes. */
function monthsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const months = new Set<string>();
  for (const entry of value) {
    if (typeof entry === 'string') {
      const m = /(\d{4})[-/]?(?:month=)?(\d{2})/.exec(entry.replace('year=', ''));
      if (m) months.add(`${m[1]}-${m[2]}`);
    } else if (entry && typeof entry === 'object') {
      const { year, month } = entry as { year?: unknown; month?: unknown };
      if (year !== undefined && month !== undefined) months.add(`${year}-${String(month).padStart(2, '0')}`);
    }
  }
  return [...months].sort();
}

/**
 * Reads a manifest item. Expected fields (written by ingest): batch_id, dataset, district,
 * status, received_at, completed_at (else updated_at, else received_at), months_touched (else
 * months or partitions), received, accepted, rejected, duplicates, corrections, reject_codes
 * (`{ code: rows }`, also read from error_codes).
 *
 * @example
 * batchFactsOf({ batch_id: 'b-1', dataset: 'service_records', district: 'futian', months: ['2026-11'], … });
 */
export function batchFactsOf(item: Item): BatchFacts {
  const codes = (item.reject_codes ?? item.error_codes ?? {}) as Record<string, unknown>;
  return {
    batchId: String(item.batch_id),
    dataset: item.dataset as DatasetName,
    district: String(item.district),
    receivedAt: String(item.received_at ?? ''),
    completedAt: String(item.completed_at ?? item.updated_at ?? item.received_at ?? ''),
    months: monthsOf(item.months_touched ?? item.months ?? item.partitions),
    received: count(item.received),
    accepted: count(item.accepted),
    rejected: count(item.rejected),
    duplicates: count(item.duplicates),
    corrections: count(item.corrections),
    rejectCodes: Object.fromEntries(Object.entries(codes).map(([code, n]) => [code, count(n)])),
  };
}

/**
 * Completed batches from the manifests, district by district (and `city` for reference data).
 *
 * @example
 * const batches = await opsBatchFactsSource(runtime.ops).completedBatches();
 */
export function opsBatchFactsSource(ops: OpsStore): BatchFactsSource {
  return {
    async completedBatches() {
      const out: BatchFacts[] = [];
      for (const district of [...DISTRICTS.map((d) => d.slug), CITY]) {
        const items = await ops.query({ index: 'byDistrict', partition: districtBatchesPartition(district) });
        for (const item of items) if (item.status === 'COMPLETED') out.push(batchFactsOf(item));
      }
      return out.sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.batchId.localeCompare(b.batchId));
    },
  };
}

/** The month (`YYYY-MM`, Asia/Shanghai) an instant falls in. */
export function shanghaiMonth(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 7);
}

/** `{{batches}}`: service-record batches as an inline relation (a NULL row keeps it non-empty). */
export function batchesRelation(batches: BatchFacts[]): string {
  const rows = batches
    .filter((b) => b.dataset === 'service_records')
    .map((b) =>
      [
        sqlString(b.batchId),
        sqlString(b.district),
        sqlString(shanghaiMonth(b.receivedAt)),
        sqlInteger(b.received),
        sqlInteger(b.accepted),
        sqlInteger(b.rejected),
        sqlInteger(b.duplicates),
        sqlInteger(b.corrections),
      ].join(', '),
    );
  rows.push(`${sqlNullableString(null)}, ${sqlNullableString(null)}, ${sqlNullableString(null)}, 0, 0, 0, 0, 0`);
  return `(SELECT * FROM (VALUES ${rows.map((r) => `(${r})`).join(', ')}) AS t(batch_id, district, period, received, accepted, rejected, duplicates, corrections))`;
}

/** `{{batch_rejects}}`: rejected rows per batch and rule code as an inline relation. */
export function batchRejectsRelation(batches: BatchFacts[]): string {
  const rows: string[] = [];
  for (const b of batches) {
    if (b.dataset !== 'service_records') continue;
    for (const [code, n] of Object.entries(b.rejectCodes).sort()) {
      if (n > 0) rows.push(`${sqlString(b.batchId)}, ${sqlString(code)}, ${sqlInteger(n)}`);
    }
  }
  rows.push(`${sqlNullableString(null)}, ${sqlNullableString(null)}, 0`);
  return `(SELECT * FROM (VALUES ${rows.map((r) => `(${r})`).join(', ')}) AS t(batch_id, error_code, rejected))`;
}
