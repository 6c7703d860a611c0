/**
 * Presigned links: the upload API hands a district a URL to PUT its file straight into landing/,
 * and error reports and funder reports are handed out as time-limited GET links.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../ports.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/**
 * A presigned `PUT` URL for a key of an S3-backed store, valid for `expiresSeconds`.
 * Throws for stores that are not S3 (the local upload API serves PUTs itself).
 *
 * @example
 * const url = await presignPut(landing, 'service_records/district=futian/batch=b1/file.csv', 900);
 * await fetch(url, { method: 'PUT', body: fileBytes });
 */
export async function presignPut(store: BlobStore, key: string, expiresSeconds: number, contentType?: string): Promise<string> {
  if (!(store instanceof S3BlobStore)) throw new Error(`presigned uploads need an s3:// store, got ${store.url}`);
  const command = new PutObjectCommand({ Bucket: store.bucket, Key: store.objectKey(key), ContentType: contentType });
  return getSignedUrl(store.client, command, { expiresIn: expiresSeconds });
}

/** How a presigned download presents itself to the browser. */
export interface DownloadOptions {
  contentType?: string;
  /** File name offered when saving (`Content-Disposition: attachment`). */
  fileName?: string;
}

/**
 * A presigned `GET` URL for a key of an S3-backed store, valid for `expiresSeconds`.
 * Throws for stores that are not S3 (local stores are served by the local servers).
 *
 * @example
 * const url = await presignGet(rejects, 'rejects/…/errors.csv', 3600, { contentType: 'text/csv; charset=utf-8', fileName: 'errors.csv' });
 */
export async function presignGet(
  store: BlobStore,
  key: string,
  expiresSeconds: number,
  download: DownloadOptions = {},
): Promise<string> {
  if (!(store instanceof S3BlobStore)) throw new Error(`presigned downloads need an s3:// store, got ${store.url}`);
  const command = new GetObjectCommand({
    Bucket: store.bucket,
    Key: store.objectKey(key),
    ResponseContentType: download.contentType,
    ResponseContentDisposition: download.fileName ? `attachment; filename="${download.fileName}"` : undefined,
  });
  return getSignedUrl(store.client, command, { expiresIn: expiresSeconds });
}
