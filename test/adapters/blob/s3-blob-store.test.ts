import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { openBlobStore } from '../../../adapters/blob/open-blob-store.ts';
import { presignGet, presignPut } from '../../../adapters/blob/presign.ts';
import { createS3Client, S3BlobStore } from '../../../adapters/blob/s3-blob-store.ts';
import {
  type RunningS3rver,
  S3RVER_CREDENTIALS,
  type S3rverEventRecord,
  startS3rver,
} from '../../../adapters/blob/s3rver-server.ts';
import { blobStoreContract } from './blob-store-contract.ts';

describe('S3BlobStore on s3rver', () => {
  let s3: RunningS3rver;
  let client: ReturnType<typeof createS3Client>;
  let run = 0;
  const events: S3rverEventRecord[] = [];

  beforeAll(async () => {
    s3 = await startS3rver({ buckets: ['rv-test'] });
    s3.onEvent((record) => events.push(record));
    client = createS3Client({ endpoint: s3.endpoint, credentials: S3RVER_CREDENTIALS });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.close();
  });
  beforeEach(() => {
    run += 1;
  });

  blobStoreContract(() => new S3BlobStore(`s3://rv-test/contract-${run}`, client));

  it('round-trips a 6 MB streamed body byte for byte (multipart)', async () => {
    const store = new S3BlobStore('s3://rv-test/big', client);
    const body = randomBytes(6 * 1024 * 1024 + 123);
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
    await store.putStream('landing/big.bin', Readable.from(chunks), 'application/octet-stream');

    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(await store.get('landing/big.bin'))).toBe(sha(body));
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of await store.getStream('landing/big.bin')) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect(size).toBe(body.length);
    expect(hash.digest('hex')).toBe(sha(body));
    expect(await store.list('landing/')).toEqual([{ key: 'landing/big.bin', size: body.length }]);
  });

  it('lists past one page of results', async () => {
    const store = new S3BlobStore('s3://rv-test/many', client, { listPageSize: 4 });
    const keys = Array.from({ length: 11 }, (_, i) => `p/${String(i).padStart(4, '0')}.txt`);
    await Promise.all(keys.map((k) => store.put(k, 'x')));
    await store.put('q.txt', 'x');
    const listed = await store.list('p/');
    expect(listed.length).toBe(11);
    expect(listed.map((e) => e.key)).toEqual(keys);
    await store.deletePrefix('p/');
    expect(await store.list('')).toEqual([{ key: 'q.txt', size: 1 }]);
  });

  it('accepts a presigned PUT from fetch and emits an ObjectCreated event', async () => {
    const store = openBlobStore('s3://rv-test/landing', { s3Endpoint: s3.endpoint }, { s3: { credentials: S3RVER_CREDENTIALS } });
    const key = 'service_records/district=futian/batch=b1/records.csv';
    const url = await presignPut(store, key, 300, 'text/csv');
    expect(url).toContain('X-Amz-Signature=');
    const body = 'record_id,hours\nR1,2.5\n';
    const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await store.get(key)).toString()).toBe(body);
    expect(store.locationOf(key)).toBe(`s3://rv-test/landing/${key}`);
    await expect
      .poll(() => events.some((e) => e.eventName.startsWith('ObjectCreated') && e.s3.object.key.endsWith('records.csv')))
      .toBe(true);
  });

  it('serves a presigned GET to fetch', async () => {
    const store = openBlobStore('s3://rv-test/rejects', { s3Endpoint: s3.endpoint }, { s3: { credentials: S3RVER_CREDENTIALS } });
    await store.put('batch=b1/errors.csv', '\uFEFFfile,row\n');
    const url = await presignGet(store, 'batch=b1/errors.csv', 300, {
      contentType: 'text/csv; charset=utf-8',
      fileName: 'errors.csv',
    });
    expect(url).toContain('X-Amz-Signature=');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe('\uFEFFfile,row\n');
  });

  it('refuses to presign for a filesystem store', async () => {
    await expect(presignPut(new FsBlobStore('file:///tmp/x'), 'k', 60)).rejects.toThrow(/s3:\/\//);
    await expect(presignGet(new FsBlobStore('file:///tmp/x'), 'k', 60)).rejects.toThrow(/s3:\/\//);
  });
});
