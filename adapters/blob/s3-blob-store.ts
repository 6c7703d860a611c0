/**
 * BlobStore on Amazon S3 (or s3rver locally): `s3://bucket/prefix`.
 */
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { type BlobEntry, BlobNotFoundError, type BlobStore } from '../ports.ts';
import { assertValidKey, assertValidPrefix, compareKeys } from './blob-key.ts';

/** How to reach S3. Every field is optional: the AWS defaults apply. */
export interface S3ClientOptions {
  /** AWS region. Default: the SDK's resolution (AWS_REGION in Lambda); `us-east-1` with an endpoint. */
  region?: string;
  /** Endpoint override (s3rver); turns on path-style addressing. */
  endpoint?: string;
  /** Static credentials (local stand-ins); default: the SDK's provider chain. */
  credentials?: AwsCredentialIdentity;
}

/**
 * Builds an S3 client with the checksum settings s3rver needs (harmless on S3).
 *
 * @example
 * const client = createS3Client({ endpoint: 'http://127.0.0.1:4568', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    region: options.region ?? (options.endpoint ? 'us-east-1' : undefined),
    endpoint: options.endpoint,
    forcePathStyle: options.endpoint !== undefined,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Splits `s3://bucket/some/prefix` into bucket and prefix (no leading or trailing slash). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match?.[1]) throw new Error(`not an s3:// URL: "${url}"`);
  return { bucket: match[1], prefix: (match[2] ?? '').replace(/\/+$/, '') };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Tuning knobs of {@link S3BlobStore}. */
export interface S3BlobStoreOptions {
  /** Keys per list request (S3 caps it at 1000, the default). */
  listPageSize?: number;
}

const PART_SIZE = 5 * 1024 * 1024;
const DELETE_BATCH = 1000;

/**
 * A BlobStore under an S3 bucket and prefix.
 *
 * @example
 * const lake = new S3BlobStore('s3://redvest-lake/lake', createS3Client());
 * await lake.put('curated/a.json', '{}', 'application/json');
 * lake.locationOf('curated/a.json'); // 's3://redvest-lake/lake/curated/a.json'
 */
export class S3BlobStore implements BlobStore {
  readonly url: string;
  readonly bucket: string;
  /** Prefix inside the bucket, without trailing slash ('' = bucket root). */
  readonly prefix: string;

  constructor(
    url: string,
    readonly client: S3Client = createS3Client(),
    private readonly options: S3BlobStoreOptions = {},
  ) {
    const { bucket, prefix } = parseS3Url(url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.url = prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}`;
  }

  /** The full object key of a store key. */
  objectKey(key: string): string {
    assertValidKey(key);
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  locationOf(key: string): string {
    return `s3://${this.bucket}/${this.objectKey(key)}`;
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        ContentType: contentType,
      }),
    );
  }

  async putStream(key: string, body: Readable, contentType?: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async get(key: string): Promise<Uint8Array> {
    const body = await this.getOptional(key);
    if (body === undefined) throw new BlobNotFoundError(key);
    return body;
  }

  async getOptional(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!out.Body) return new Uint8Array();
      return await out.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return out.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /**
   * Pages with ListObjects (v1) and a key marker rather than ListObjectsV2: s3rver's v2
   * continuation tokens use DES, which Node 20's OpenSSL 3 refuses. S3 serves both alike.
   */
  async list(prefix: string): Promise<BlobEntry[]> {
    assertValidPrefix(prefix);
    const root = this.prefix === '' ? '' : `${this.prefix}/`;
    const entries: BlobEntry[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: `${root}${prefix}`,
          Marker: marker,
          MaxKeys: this.options.listPageSize,
        }),
      );
      const contents = page.Contents ?? [];
      for (const object of contents) {
        if (object.Key === undefined || object.Key.endsWith('/')) continue;
        entries.push({ key: object.Key.slice(root.length), size: object.Size ?? 0 });
      }
      const last = contents[contents.length - 1]?.Key;
      if (!page.IsTruncated || last === undefined) break;
      marker = page.NextMarker ?? last;
    }
    return entries.sort((a, b) => compareKeys(a.key, b.key));
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = (await this.list(prefix)).map((entry) => this.objectKey(entry.key));
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const out = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(`could not delete ${failed.length} objects under ${prefix}: ${first?.Key} ${first?.Code}`);
      }
    }
  }

  async move(fromKey: string, toKey: string): Promise<void> {
    const source = `${this.bucket}/${this.objectKey(fromKey)}`;
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(toKey),
          CopySource: source.split('/').map(encodeURIComponent).join('/'),
        }),
      );
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(fromKey);
      throw error;
    }
    await this.delete(fromKey);
  }
}
