/**
 * The three operations of the upload API, over ports: create a batch (manifest in RECEIVED
 * plus an upload link to its landing key), show one batch, list a district's batches.
 */
import type { Caller } from '../../adapters/auth/caller.ts';
import { CITY, resolveDistrict } from '../../schemas/reference/districts.ts';
import { landingKey, newBatchId } from '../ingest/landing-key.ts';
import { ApiError } from './api-errors.ts';
import { canReadBatch, uploadDistrict } from './authorise.ts';
import type { BatchRegistry, BatchView, NewBatch } from './batch-registry.ts';
import { parseCreateBatchRequest } from './create-batch-request.ts';

/** Where and how the client sends its file. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  /** Headers the client must send with the PUT. */
  headers: Record<string, string>;
  expires_at: string;
}

/** Turns keys into links: presigned S3 URLs in the cloud, the local API server's URLs locally. */
export interface UploadLinks {
  /** A URL the client PUTs the batch's file to. */
  uploadTarget(batch: NewBatch, expiresSeconds: number): Promise<UploadTarget>;
  /** A URL the client GETs the error report from (`key` in the rejects store). */
  errorReportUrl(key: string, expiresSeconds: number): Promise<string>;
}

export interface UploadApiDeps {
  batches: BatchRegistry;
  links: UploadLinks;
  limits: { maxFileBytes: number };
  /** Clock; default `new Date()`. */
  now?: () => Date;
  /** Batch id factory; default `newBatchId` of the ingest pipeline. */
  newBatchId?: (now: Date) => string;
  /** Lifetime of upload and download links, seconds. Default 900. */
  linkExpirySeconds?: number;
  /** Most batches `GET /batches` returns. Default 100. */
  listLimit?: number;
}

/** `POST /batches` answer. */
export interface CreatedBatch {
  batch_id: string;
  dataset: string;
  district: string;
  status: 'RECEIVED';
  file_name: string;
  upload: UploadTarget;
}

/** A batch as `GET /batches/{id}` shows it: {@link BatchView} with a download link for its error report. */
export type BatchAnswer = Omit<BatchView, 'errors_report_key'> & { errors_report_url: string | null };

const DEFAULT_LINK_EXPIRY_SECONDS = 900;

/**
 * Creates a batch for the caller: checks the body and the caller's right to the district
 * (403 before anything is written), writes the manifest in RECEIVED, returns the upload link.
 *
 * @example
 * const created = await createBatch(deps, caller, { dataset: 'service_records', file_name: 'march.csv' });
 * await fetch(created.upload.url, { method: 'PUT', body });
 */
export async function createBatch(deps: UploadApiDeps, caller: Caller, body: unknown): Promise<CreatedBatch> {
  const request = parseCreateBatchRequest(body, deps.limits);
  const district = uploadDistrict(caller, request.dataset, request.district);
  const now = deps.now?.() ?? new Date();
  const batchId = (deps.newBatchId ?? newBatchId)(now);
  const batch: NewBatch = {
    batch_id: batchId,
    dataset: request.dataset,
    district,
    file_name: request.file_name,
    landing_key: landingKey({ dataset: request.dataset, district, batchId, fileName: request.file_name }),
    received_at: now.toISOString(),
  };
  await deps.batches.create(batch);
  const upload = await deps.links.uploadTarget(batch, deps.linkExpirySeconds ?? DEFAULT_LINK_EXPIRY_SECONDS);
  return { batch_id: batchId, dataset: batch.dataset, district, status: 'RECEIVED', file_name: batch.file_name, upload };
}

async function answerOf(deps: UploadApiDeps, batch: BatchView): Promise<BatchAnswer> {
  const { errors_report_key, ...rest } = batch;
  const url =
    errors_report_key === null
      ? null
      : await deps.links.errorReportUrl(errors_report_key, deps.linkExpirySeconds ?? DEFAULT_LINK_EXPIRY_SECONDS);
  return { ...rest, errors_report_url: url };
}

/**
 * One batch, if the caller may see it: 404 when unknown, 403 when another district's.
 *
 * @example
 * const batch = await getBatch(deps, caller, '20260301T080000Z-1a2b3c4d');
 * batch.status; // 'COMPLETED'
 */
export async function getBatch(deps: UploadApiDeps, caller: Caller, batchId: string): Promise<BatchAnswer> {
  const batch = /^[A-Za-z0-9_-]{1,80}$/.test(batchId) ? await deps.batches.get(batchId) : undefined;
  if (batch === undefined) throw new ApiError('BATCH_NOT_FOUND');
  if (!canReadBatch(caller, batch)) throw new ApiError('BATCH_FORBIDDEN');
  return answerOf(deps, batch);
}

/**
 * The caller's district's batches, newest first. A `city` caller may ask for any district
 * (`district` query parameter); others only see their own.
 *
 * @example
 * const { batches } = await listBatches(deps, caller, {});
 */
export async function listBatches(
  deps: UploadApiDeps,
  caller: Caller,
  query: { district?: string },
): Promise<{ district: string; batches: BatchAnswer[] }> {
  let district = caller.district;
  if (query.district !== undefined) {
    const asked = query.district === CITY ? CITY : resolveDistrict(query.district)?.slug;
    if (asked === undefined) throw new ApiError('DISTRICT_UNKNOWN');
    if (asked !== caller.district && caller.district !== CITY) throw new ApiError('BATCH_FORBIDDEN');
    district = asked;
  }
  const batches = await deps.batches.listByDistrict(district, deps.listLimit ?? 100);
  return { district, batches: await Promise.all(batches.map((batch) => answerOf(deps, batch))) };
}
