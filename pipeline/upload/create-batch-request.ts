/**
 * The body of `POST /batches`: `{ dataset, file_name, district?, size_bytes? }`.
 */
import { z } from 'zod';
import type { DatasetName } from '../../schemas/dataset.ts';
import { isDatasetName } from '../../schemas/datasets/index.ts';
import { ApiError } from './api-errors.ts';

/** File types ingest reads. */
export const UPLOAD_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt', '.xlsx', '.jsonl', '.ndjson'];

const bodySchema = z.object({
  dataset: z.string().min(1),
  file_name: z.string().min(1).max(200),
  district: z.string().min(1).max(32).optional(),
  size_bytes: z.number().int().nonnegative().optional(),
});

/** A validated `POST /batches` body. */
export interface CreateBatchRequest {
  dataset: DatasetName;
  file_name: string;
  /** District asked for (city callers uploading a per-district dataset). */
  district?: string;
  /** Size the client announces, checked against the limit before any batch exists. */
  size_bytes?: number;
}

/**
 * True when a file name is a single plain name with an extension ingest reads.
 *
 * @example
 * isAcceptableFileName('福田2026年3月.csv'); // true
 * isAcceptableFileName('../x.csv'); // false
 */
export function isAcceptableFileName(name: string): boolean {
  const hasControl = [...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (hasControl || /[/\\]/.test(name) || name.trim() !== name || name.startsWith('.')) return false;
  const lower = name.toLowerCase();
  return UPLOAD_EXTENSIONS.some((extension) => lower.endsWith(extension) && lower.length > extension.length);
}

/**
 * Validates the parsed JSON body of `POST /batches`; throws {@link ApiError} (400/413).
 *
 * @example
 * parseCreateBatchRequest({ dataset: 'service_records', file_name: 'march.csv' }, { maxFileBytes: 200e6 });
 */
export function parseCreateBatchRequest(body: unknown, limits: { maxFileBytes: number }): CreateBatchRequest {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
    throw new ApiError('BAD_REQUEST', `check ${fields}`);
  }
  const { dataset, file_name, district, size_bytes } = parsed.data;
  if (!isDatasetName(dataset)) throw new ApiError('DATASET_UNKNOWN');
  if (!isAcceptableFileName(file_name)) throw new ApiError('FILE_NAME_INVALID');
  if (size_bytes !== undefined && size_bytes > limits.maxFileBytes)
    throw new ApiError('FILE_TOO_LARGE', `limit ${limits.maxFileBytes} bytes`);
  return { dataset, file_name, district, size_bytes };
}
