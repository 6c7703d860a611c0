/**
 * Landing keys: `landing/{dataset}/district={slug}/batch={id}/{file}`. An upload's key alone
 * tells ingest which dataset, district and batch it is.
 */
import type { DatasetName } from '../../schemas/dataset.ts';
import { isDatasetName } from '../../schemas/datasets/index.ts';

/** What a landing key names. */
export interface LandingRef {
  dataset: DatasetName;
  district: string;
  batchId: string;
  fileName: string;
}

/** Batch ids: ASCII letters, digits, `_` and `-` (they appear in keys and partition files). */
export const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const SLUG = /^[a-z]+$/;

/**
 * Builds the landing key of an upload.
 *
 * @example
 * landingKey({ dataset: 'service_records', district: 'futian', batchId: 'b1', fileName: 'x.csv' });
 * // 'landing/service_records/district=futian/batch=b1/x.csv'
 */
export function landingKey(ref: LandingRef): string {
  if (!BATCH_ID.test(ref.batchId)) throw new Error(`invalid batch id: ${ref.batchId}`);
  if (!SLUG.test(ref.district)) throw new Error(`invalid district slug: ${ref.district}`);
  return `${landingBatchPrefix(ref)}${safeFileName(ref.fileName)}`;
}

/** The folder of a batch in landing (with trailing slash). */
export function landingBatchPrefix(ref: Omit<LandingRef, 'fileName'>): string {
  return `landing/${ref.dataset}/district=${ref.district}/batch=${ref.batchId}/`;
}

/**
 * A file name safe as one key segment: path separators and control characters replaced.
 *
 * @example
 * safeFileName('../a/b.csv'); // '.._a_b.csv'
 */
export function safeFileName(name: string): string {
  let base = '';
  for (const ch of name) base += ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch;
  base = base.trim();
  if (base === '' || base === '.' || base === '..') return 'upload';
  return base.slice(0, 200);
}

/**
 * Parses a landing key (URL-decoded, as S3 events carry keys encoded) or returns undefined.
 *
 * @example
 * parseLandingKey('landing/projects/district=city/batch=b1/p.csv');
 * // { dataset: 'projects', district: 'city', batchId: 'b1', fileName: 'p.csv' }
 */
export function parseLandingKey(key: string): LandingRef | undefined {
  const m = /^(?:.*\/)?landing\/([a-z_]+)\/district=([a-z]+)\/batch=([A-Za-z0-9_-]{1,80})\/([^/]+)$/.exec(key);
  if (!m) return undefined;
  const [, dataset, district, batchId, fileName] = m as unknown as [string, string, string, string, string];
  if (!isDatasetName(dataset)) return undefined;
  return { dataset, district, batchId, fileName };
}

/**
 * A new batch id: sortable by time, unique (`YYYYMMDDTHHMMSSZ-` + 8 random hex).
 *
 * @example
 * newBatchId(new Date('2026-11-01T02:03:04Z')); // '20261101T020304Z-1a2b3c4d'
 */
export function newBatchId(now: Date = new Date(), random: () => string = randomHex): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${stamp}-${random()}`;
}

function randomHex(): string {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!.toString(16).padStart(8, '0');
}
