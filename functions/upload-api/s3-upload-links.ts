/**
 * Upload links in the cloud: a presigned PUT to the batch's landing key and a presigned GET
 * of its error report in the rejects bucket.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { presignPut } from '../../adapters/blob/presign.ts';
import { S3BlobStore } from '../../adapters/blob/s3-blob-store.ts';
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
    async errorReportUrl(key, expiresSeconds) {
      if (!(rejects instanceof S3BlobStore)) throw new Error(`presigned downloads need an s3:// store, got ${rejects.url}`);
      const command = new GetObjectCommand({
        Bucket: rejects.bucket,
        Key: rejects.objectKey(key),
        ResponseContentType: 'text/csv; charset=utf-8',
        ResponseContentDisposition: 'attachment; filename="errors.csv"',
      });
      return getSignedUrl(rejects.client, command, { expiresIn: expiresSeconds });
    },
  };
}
