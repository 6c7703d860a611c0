import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import { discardStaging, promoteBatch } from '../../../pipeline/lake/promote.ts';

describe('promoteBatch', () => {
  let dir: string;
  let lake: FsBlobStore;
  const staged = (i: number) =>
    `staging/b1/curated/service_records_versions/year=2026/month=${String((i % 12) + 1).padStart(2, '0')}/district=futian/b1-0-${String(i).padStart(4, '0')}.parquet`;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-promote-'));
    lake = new FsBlobStore(fileUrl(dir));
    for (let i = 0; i < 40; i++) await lake.put(staged(i), `file ${i}`);
    await lake.put('staging/b2/curated/t/other.parquet', 'another batch');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('moves every staged file of the batch to its curated key, several at a time, and is safe to repeat', async () => {
    let inFlight = 0;
    let most = 0;
    const move = lake.move.bind(lake);
    lake.move = async (from, to) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      try {
        await move(from, to);
      } finally {
        inFlight--;
      }
    };
    const promoted = await promoteBatch(lake, 'b1');
    expect(promoted).toHaveLength(40);
    expect(new Set(promoted)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => staged(i).slice('staging/b1/'.length))));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
    for (let i = 0; i < 40; i++)
      expect(Buffer.from(await lake.get(staged(i).slice('staging/b1/'.length))).toString()).toBe(`file ${i}`);
    expect(await lake.list('staging/b1/')).toEqual([]);
    // A second finisher finds nothing left to move; the other batch is untouched.
    expect(await promoteBatch(lake, 'b1')).toEqual([]);
    expect(await lake.exists('staging/b2/curated/t/other.parquet')).toBe(true);
    await discardStaging(lake, 'b2');
    expect(await lake.list('staging/')).toEqual([]);
  });
});
