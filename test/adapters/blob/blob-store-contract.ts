/**
 * Behaviour every BlobStore must have, run against each adapter.
 */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore } from '../../../adapters/ports.ts';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export function blobStoreContract(open: () => BlobStore): void {
  it('puts and gets bytes and strings', async () => {
    const store = open();
    await store.put('a/b/c.txt', '红马甲 hello', 'text/plain');
    await store.put('a/bin.dat', new Uint8Array([0, 1, 2, 255]));
    expect(Buffer.from(await store.get('a/b/c.txt')).toString('utf8')).toBe('红马甲 hello');
    expect([...(await store.get('a/bin.dat'))]).toEqual([0, 1, 2, 255]);
    expect(await store.exists('a/b/c.txt')).toBe(true);
    expect(await store.exists('a/b')).toBe(false);
    expect(await store.exists('missing.txt')).toBe(false);
    expect(await store.getOptional('missing.txt')).toBeUndefined();
    await expect(store.get('missing.txt')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.getStream('missing.txt')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('overwrites a key', async () => {
    const store = open();
    await store.put('x.json', '{"v":1}');
    await store.put('x.json', '{"v":2}');
    expect(Buffer.from(await store.get('x.json')).toString()).toBe('{"v":2}');
    expect(await store.list('x')).toEqual([{ key: 'x.json', size: 7 }]);
  });

  it('streams in and out', async () => {
    const store = open();
    const parts = ['line 1\n', '第二行\n', 'line 3\n'];
    await store.putStream('streams/s.txt', Readable.from(parts.map((p) => Buffer.from(p))));
    expect((await readAll(await store.getStream('streams/s.txt'))).toString()).toBe(parts.join(''));
  });

  it('lists recursively by prefix in key order, and deletes by prefix', async () => {
    const store = open();
    await store.put('lake/year=2026/month=02/p.parquet', 'bb');
    await store.put('lake/year=2026/month=01/p.parquet', 'a');
    await store.put('lake/year=2025/month=12/p.parquet', 'ccc');
    await store.put('lakehouse/other.txt', 'x');
    await store.put('top.txt', 't');
    expect(await store.list('lake/')).toEqual([
      { key: 'lake/year=2025/month=12/p.parquet', size: 3 },
      { key: 'lake/year=2026/month=01/p.parquet', size: 1 },
      { key: 'lake/year=2026/month=02/p.parquet', size: 2 },
    ]);
    expect((await store.list('lake')).map((e) => e.key)).toContain('lakehouse/other.txt');
    expect((await store.list('lake/year=2026/mon')).length).toBe(2);
    expect(await store.list('nothing/')).toEqual([]);
    expect((await store.list('')).length).toBe(5);

    await store.deletePrefix('lake/year=2026/');
    expect((await store.list('lake/')).map((e) => e.key)).toEqual(['lake/year=2025/month=12/p.parquet']);
    await store.deletePrefix('lakeh');
    expect(await store.exists('lakehouse/other.txt')).toBe(false);
    await store.delete('top.txt');
    await store.delete('top.txt');
    expect(await store.exists('top.txt')).toBe(false);
    await store.deletePrefix('');
    expect(await store.list('')).toEqual([]);
  });

  it('moves a key, including non-ASCII names', async () => {
    const store = open();
    await store.put('staging/b1/服务记录 1.csv', 'id,hours\n1,2\n');
    await store.move('staging/b1/服务记录 1.csv', 'final/b1/服务记录 1.csv');
    expect(await store.exists('staging/b1/服务记录 1.csv')).toBe(false);
    expect(Buffer.from(await store.get('final/b1/服务记录 1.csv')).toString()).toBe('id,hours\n1,2\n');
    await expect(store.move('staging/none', 'final/none')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('rejects keys that escape the root', async () => {
    const store = open();
    await expect(store.put('../escape.txt', 'x')).rejects.toThrow(/\.\./);
    await expect(store.put('/abs.txt', 'x')).rejects.toThrow(/relative/);
    expect(() => store.locationOf('a//b')).toThrow(/empty/);
  });
}
