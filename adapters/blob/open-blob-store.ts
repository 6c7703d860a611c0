/**
 * Chooses a BlobStore adapter by URL scheme.
 */
import type { RedvestConfig } from '../config.ts';
import type { BlobStore } from '../ports.ts';
import { FsBlobStore } from './fs-blob-store.ts';
import { createS3Client, S3BlobStore, type S3ClientOptions } from './s3-blob-store.ts';

/**
 * Opens the store behind a `file://` or `s3://` URL. S3 stores use the configured region
 * and endpoint (`config.s3Endpoint`, s3rver locally); `s3` overrides them (e.g. credentials
 * for a local stand-in) and `client` shares one S3 client between stores.
 *
 * @example
 * const lake = openBlobStore(config.stores.lake, config);
 */
export function openBlobStore(
  url: string,
  config: Pick<RedvestConfig, 'region' | 's3Endpoint'>,
  options: { s3?: S3ClientOptions; client?: import('@aws-sdk/client-s3').S3Client } = {},
): BlobStore {
  if (url.startsWith('file://')) return new FsBlobStore(url);
  if (url.startsWith('s3://')) {
    const client = options.client ?? createS3Client({ region: config.region, endpoint: config.s3Endpoint, ...options.s3 });
    return new S3BlobStore(url, client);
  }
  throw new Error(`unsupported store URL "${url}": use file:///abs/dir or s3://bucket/prefix`);
}
