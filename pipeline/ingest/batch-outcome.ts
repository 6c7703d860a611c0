/**
 * The batch outcome: what `redvest ingest --json` prints (one line per file), what the upload
 * API returns for a finished batch. received = accepted + rejected; duplicates and
 * corrections are subsets of accepted; a DUPLICATE batch has every count 0.
 */
import type { DatasetName } from '../../schemas/dataset.ts';
import type { FileErrorCode } from '../../schemas/messages.ts';

/** Lifecycle of a batch manifest. */
export type BatchStatus = 'RECEIVED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'DUPLICATE';
/** Statuses a batch ends in. */
export const TERMINAL_STATUSES: readonly BatchStatus[] = ['COMPLETED', 'FAILED', 'DUPLICATE'];

export interface BatchCounts {
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  corrections: number;
}

export interface BatchFailure {
  code: FileErrorCode;
  message_zh: string;
  message_en: string;
}

export interface BatchOutcome extends BatchCounts {
  batch_id: string;
  dataset: DatasetName;
  district: string;
  /**
   * A terminal status. `PROCESSING` only when chunks were handed to a queue (cloud fan-out):
   * the batch then completes when its last chunk does.
   */
  status: 'COMPLETED' | 'FAILED' | 'DUPLICATE' | 'PROCESSING';
  /** Location of errors.csv (store URL + key), or null when no row was rejected. */
  errors_report: string | null;
  duplicate_of: string | null;
  failure?: BatchFailure;
}

/** Counts all zero. */
export const ZERO_COUNTS: BatchCounts = { received: 0, accepted: 0, rejected: 0, duplicates: 0, corrections: 0 };

/**
 * The outcome as one JSON line, keys in contract order.
 *
 * @example
 * outcomeJsonLine(outcome); // '{"batch_id":"…","dataset":"service_records",…}'
 */
export function outcomeJsonLine(o: BatchOutcome): string {
  const ordered: Record<string, unknown> = {
    batch_id: o.batch_id,
    dataset: o.dataset,
    district: o.district,
    status: o.status,
    received: o.received,
    accepted: o.accepted,
    rejected: o.rejected,
    duplicates: o.duplicates,
    corrections: o.corrections,
    errors_report: o.errors_report,
    duplicate_of: o.duplicate_of,
  };
  if (o.failure) ordered.failure = o.failure;
  return JSON.stringify(ordered);
}
