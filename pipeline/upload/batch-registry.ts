/**
 * What the upload API needs of the batch manifests kept by ingest in the OpsStore: create a
 * batch in RECEIVED, read one, list a district's batches newest first.
 */
import type { DatasetName } from '../../schemas/dataset.ts';

/** Batch lifecycle, as ingest moves it: RECEIVED → PROCESSING → COMPLETED | FAILED | DUPLICATE. */
export type BatchStatus = 'RECEIVED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'DUPLICATE';

/** Statuses after which a batch never changes. */
export const TERMINAL_STATUSES: ReadonlySet<BatchStatus> = new Set(['COMPLETED', 'FAILED', 'DUPLICATE']);

/** A batch as the API shows it. */
export interface BatchView {
  batch_id: string;
  dataset: DatasetName;
  district: string;
  status: BatchStatus;
  file_name: string;
  /** ISO time the batch was created. */
  received_at: string;
  /** Rows read; received = accepted + rejected. */
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  corrections: number;
  /** Where ingest wrote the error report (store location), when there is one. */
  errors_report: string | null;
  /** Key of the error report in the rejects store, when there is one. */
  errors_report_key: string | null;
  duplicate_of: string | null;
  /** Why a FAILED batch failed. */
  failure?: { code: string; message_zh: string; message_en: string };
}

/** A new batch, written in RECEIVED before any file exists. */
export interface NewBatch {
  batch_id: string;
  dataset: DatasetName;
  district: string;
  file_name: string;
  landing_key: string;
  received_at: string;
}

/** Port over the batch manifests. */
export interface BatchRegistry {
  /** Creates the manifest in RECEIVED; fails when the id exists. */
  create(batch: NewBatch): Promise<void>;
  get(batchId: string): Promise<BatchView | undefined>;
  /** A district's batches, newest first. */
  listByDistrict(district: string, limit: number): Promise<BatchView[]>;
}
