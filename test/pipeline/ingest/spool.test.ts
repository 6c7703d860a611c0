import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import type { BlobStore } from '../../../adapters/ports.ts';
import { spoolUpload } from '../../../pipeline/ingest/spool.ts';

/** The store as a remote one (no local path): spooling must copy it. */
function remote(store: BlobStore): BlobStore {
  return new Proxy(store, {
    get: (target, name) => {
      if (name === 'locationOf') return (key: string) => `s3://landing/${key}`;
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('spoolUpload', () => {
  let dir: string;
  let landing: FsBlobStore;
  const body = Buffer.from('record_id,hours\n'.repeat(100_000));
  const sha256 = createHash('sha256').update(body).digest('hex');

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-spool-'));
    landing = new FsBlobStore(fileUrl(path.join(dir, 'landing')));
    await landing.put('u/file.csv', body);
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads a local upload in place: hashed and sized, not copied', async () => {
    const seen: number[] = [];
    const spooled = await spoolUpload(landing, 'u/file.csv', 10 * 1024 * 1024, dir, (n) => seen.push(n));
    expect(spooled).toMatchObject({ path: landing.locationOf('u/file.csv'), sha256, size: body.length });
    expect(seen).toEqual([body.length]);
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('redvest-ingest-'))).toEqual([]);
    await spooled.dispose();
    expect(await landing.exists('u/file.csv')).toBe(true);
  });

  it('copies a remote upload into a private folder, with the same hash, and removes it on dispose', async () => {
    const seen: number[] = [];
    const spooled = await spoolUpload(remote(landing), 'u/file.csv', 10 * 1024 * 1024, dir, (n) => seen.push(n));
    expect(spooled).toMatchObject({ sha256, size: body.length });
    expect(spooled.path.startsWith(path.join(dir, 'redvest-ingest-'))).toBe(true);
    expect(await fs.readFile(spooled.path)).toEqual(body);
    expect(seen.at(-1)).toBe(body.length);
    await spooled.dispose();
    await expect(fs.stat(spooled.path)).rejects.toThrow();
  });

  it('refuses uploads over the limit and missing ones, either way, leaving nothing behind', async () => {
    for (const store of [landing, remote(landing)]) {
      await expect(spoolUpload(store, 'u/file.csv', body.length - 1, dir)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
      await expect(spoolUpload(store, 'u/missing.csv', body.length, dir)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    }
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('redvest-ingest-'))).toEqual([]);
  });
});
