import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../adapters/blob/fs-blob-store.ts';
import { S3BlobStore } from '../../adapters/blob/s3-blob-store.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../../adapters/blob/s3rver-server.ts';
import { loadConfig } from '../../adapters/config.ts';
import { startDynalite } from '../../adapters/ops/dynalite-server.ts';
import { openRuntime } from '../../adapters/runtime.ts';

describe('openRuntime', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-runtime-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('wires the embedded mode: filesystem stores, persisted dynalite and a lazy DuckDB', async () => {
    const config = loadConfig({}, { dataDir: dir });
    const runtime = await openRuntime(config);
    try {
      expect(runtime.stores.lake).toBeInstanceOf(FsBlobStore);
      expect(runtime.stores.landing.locationOf('a.csv')).toBe(path.join(dir, 'landing', 'a.csv'));
      await runtime.ops.put({ pk: 'BATCH#b1', sk: 'MANIFEST', status: 'RECEIVED' }, { kind: 'notExists' });
      await runtime.stores.lake.put('t/x.csv', 'district,hours\nfutian,2.5\nnanshan,1\n');

      const engine = await runtime.engine();
      expect(engine.name).toBe('duckdb');
      expect(await runtime.engine()).toBe(engine);
      const rows = await engine.query(
        `SELECT sum(hours) AS h FROM read_csv('${runtime.stores.lake.locationOf('t/x.csv')}', header = true)`,
      );
      expect(rows).toEqual([{ h: 3.5 }]);
    } finally {
      await runtime.close();
    }
    await expect(runtime.engine()).rejects.toThrow(/closed/);

    const again = await openRuntime(config);
    try {
      expect(await again.ops.get('BATCH#b1', 'MANIFEST')).toMatchObject({ status: 'RECEIVED' });
    } finally {
      await again.close();
    }
    expect((await fs.stat(path.join(dir, 'dynalite'))).isDirectory()).toBe(true);
  });

  it('wires the cloud shape against stand-ins: s3:// stores and a DynamoDB endpoint', async () => {
    const s3 = await startS3rver({ buckets: ['rv-data'] });
    const db = await startDynalite();
    const config = loadConfig(
      {},
      {
        dataDir: dir,
        s3Endpoint: s3.endpoint,
        stores: {
          landing: 's3://rv-data/landing',
          lake: 's3://rv-data/lake',
          rejects: 's3://rv-data/rejects',
          reports: 's3://rv-data/reports',
          site: 's3://rv-data/site',
        },
        ops: { backend: 'dynalite', endpoint: db.endpoint, tableName: 'rv-cloudish' },
      },
    );
    const runtime = await openRuntime(config, { s3Credentials: S3RVER_CREDENTIALS, startLocalDynalite: false });
    try {
      expect(runtime.stores.lake).toBeInstanceOf(S3BlobStore);
      await runtime.stores.reports.put('c1/2026-10/report.json', '{"ok":true}', 'application/json');
      expect(runtime.stores.reports.locationOf('c1/2026-10/report.json')).toBe('s3://rv-data/reports/c1/2026-10/report.json');
      expect(await runtime.stores.lake.list('')).toEqual([]);
      expect((await runtime.stores.reports.list('')).map((e) => e.key)).toEqual(['c1/2026-10/report.json']);
      await runtime.ops.batchPut([{ pk: 'P', sk: 'S', v: 1 }]);
      expect(await runtime.ops.get('P', 'S')).toEqual({ pk: 'P', sk: 'S', v: 1 });
      await expect(fs.stat(path.join(dir, 'dynalite'))).rejects.toThrow();
    } finally {
      await runtime.close();
      await db.close();
      await s3.close();
    }
  });

  it('refuses a dynalite backend without endpoint when told not to start one', async () => {
    await expect(openRuntime(loadConfig({}, { dataDir: dir }), { startLocalDynalite: false })).rejects.toThrow(/no endpoint/);
  });
});
