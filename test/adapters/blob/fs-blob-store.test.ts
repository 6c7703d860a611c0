import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import { blobStoreContract } from './blob-store-contract.ts';

describe('FsBlobStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-fsblob-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  blobStoreContract(() => new FsBlobStore(fileUrl(path.join(dir, 'store'))));

  it('maps keys to absolute paths under its root', async () => {
    const store = new FsBlobStore(fileUrl(path.join(dir, 'lake')));
    expect(store.locationOf('curated/x.parquet')).toBe(path.join(dir, 'lake', 'curated', 'x.parquet'));
    await store.put('curated/x.parquet', 'data');
    expect(await fs.readFile(path.join(dir, 'lake', 'curated', 'x.parquet'), 'utf8')).toBe('data');
  });

  it('leaves the previous body and no temp file when a streamed write fails', async () => {
    const store = new FsBlobStore(fileUrl(path.join(dir, 'lake')));
    await store.put('k.txt', 'old');
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('source broke'));
      },
    });
    await expect(store.putStream('k.txt', failing)).rejects.toThrow('source broke');
    expect(Buffer.from(await store.get('k.txt')).toString()).toBe('old');
    expect(await fs.readdir(path.join(dir, 'lake'))).toEqual(['k.txt']);
  });
});
