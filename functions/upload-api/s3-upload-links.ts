/**
 * Upload links in the cloud: a presigned PUT to the batch's landing key and a presigned GET
 * of its error report in the rejects bucket.
 */
import { presignGet, presignPut } from '../../adapters/blob/presign.ts';
import type { BlobStore } from '../../adapters/ports.ts';
import type { UploadLinks } from '../../pipeline/upload/batches-api.ts';

/**
 * Presigned links over S3-backed landing and rejects stores.
 *
 * @example
 * const links = s3UploadLinks(runtime.stores.landing, runtime.stores.rejects);
 */
export function s3UploadLinks(landing: BlobStore, rejects: BlobStore, now: () => Date = () => new Date()): UploadLinks {
  return {
    async uploadTarget(batch, expiresSeconds) {
      const url = await presignPut(landing, batch.landing_key, expiresSeconds);
      return {
        url,
        method: 'PUT',
        headers: {},
        expires_at: new Date(now().getTime() + expiresSeconds * 1000).toISOString(),
      };
    },
    errorReportUrl: (key, expiresSeconds) =>
      presignGet(rejects, key, expiresSeconds, { contentType: 'text/csv; charset=utf-8', fileName: 'errors.csv' }),
  };
}
