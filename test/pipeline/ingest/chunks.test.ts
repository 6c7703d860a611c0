import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, loadConfig } from '../../../adapters/config.ts';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { workerChunkRunner } from '../../../functions/commons/worker-chunk-runner.ts';
import type { ChunkTask, QueueChunkRunner, StreamingChunkRunner } from '../../../pipeline/ingest/chunk-runner.ts';
import { ingestBatch } from '../../../pipeline/ingest/ingest-batch.ts';
import { getManifest } from '../../../pipeline/ingest/manifest.ts';
import { runQueuedChunk } from '../../../pipeline/ingest/run-queued-chunk.ts';
import { recordRow, serviceRecordsCsv } from './fixtures.ts';
import { startHarness } from './harness.ts';
import { snapshot } from './snapshot.ts';

const ROWS = 60;
const KEY = randomBytes(32);

/** 60 rows over three months; R5 repeats in row 50 (a later chunk), R7 in row 9 (same chunk). */
function batchCsv(): string {
  const rows = Array.from({ length: ROWS }, (_, i) =>
    recordRow({ record_id: `R${i}`, service_date: `2026-0${3 + (i % 3)}-1${i % 9}` }),
  );
  rows[50] = recordRow({ record_id: 'R5', service_date: '2026-03-01' });
  rows[9] = recordRow({ record_id: 'R7', service_date: '2026-03-02' });
  return serviceRecordsCsv(rows);
}

describe('a batch split into chunks', () => {
  let db: RunningDynalite;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.close());

  async function reference() {
    const h = await startHarness({ db, key: KEY });
    try {
      const outcome = await ingestBatch(h.deps(), {
        key: await h.land('service_records', 'futian', 'big', 'big.csv', batchCsv()),
        receivedAt: '2026-10-02T00:00:00.000Z',
      });
      return { outcome, picture: await snapshot(h), report: await h.stores.rejects.get(reportKey) };
    } finally {
      await h.close();
    }
  }
  const reportKey = 'rejects/service_records/district=futian/batch=big/errors.csv';

  it('runs chunks in worker threads and ends as the single-chunk run does', async () => {
    const expected = await reference();
    expect(expected.outcome).toMatchObject({ status: 'COMPLETED', received: ROWS, accepted: ROWS - 2, rejected: 2 });
    const h = await startHarness({ db, key: KEY, chunkRows: 15 });
    try {
      const config = loadConfig(
        {},
        {
          dataDir: h.dir,
          stores: { lake: fileUrl(`${h.dir}/lake`), rejects: fileUrl(`${h.dir}/rejects`) },
          ops: { tableName: h.ops.tableName, endpoint: db.endpoint },
        },
      );
      const runner = workerChunkRunner({ config, opsEndpoint: db.endpoint, volunteerKeyHex: h.key.toString('hex') }, 2);
      const progress: number[] = [];
      const outcome = await ingestBatch(h.deps({ chunkRunner: runner, onProgress: (done) => progress.push(done) }), {
        key: await h.land('service_records', 'futian', 'big', 'big.csv', batchCsv()),
        receivedAt: '2026-10-02T00:00:00.000Z',
      });
      const sameBut = (o: typeof outcome) => ({
        ...o,
        errors_report: o.errors_report?.slice(o.errors_report.indexOf('/rejects/')),
      });
      expect(sameBut(outcome)).toEqual(sameBut(expected.outcome));
      expect(progress.at(-1)).toBe(ROWS);
      expect((await getManifest(h.ops, 'big'))?.chunks).toBe(4);
      const picture = await snapshot(h);
      expect(picture.records).toEqual(expected.picture.records);
      expect(picture.lakeFiles.filter((f) => /big-1-\d+\.parquet$/.test(f))).toHaveLength(3);
      const report = Buffer.from(await h.stores.rejects.get(reportKey)).toString('utf8');
      expect(report).toContain('big.csv,52,record_id,R5,DUPLICATE_IN_FILE');
      expect(report).toContain('big.csv,11,record_id,R7,DUPLICATE_IN_FILE');
      expect(report.split('\r\n').filter(Boolean)).toHaveLength(3);
    } finally {
      await h.close();
    }
  });

  it('starts lanes while a large upload spools, and stops them when the upload is refused', async () => {
    const h = await startHarness({ db, key: KEY, chunkRows: 15 });
    try {
      const events: string[] = [];
      const spy = (inner: StreamingChunkRunner): StreamingChunkRunner => ({
        kind: 'stream',
        crossesThreads: inner.crossesThreads,
        lanes: (chunks) => inner.lanes(chunks),
        prepare: (lanes) => {
          events.push(`prepare ${lanes}`);
          inner.prepare?.(lanes);
        },
        release: async () => {
          events.push('release');
          await inner.release?.();
        },
        runLane: (facts, lane, groups) => {
          events.push(`lane ${lane}`);
          return inner.runLane(facts, lane, groups);
        },
      });
      const config = loadConfig({}, { dataDir: h.dir, ops: { tableName: h.ops.tableName, endpoint: db.endpoint } });
      const runner = spy(workerChunkRunner({ config, opsEndpoint: db.endpoint, volunteerKeyHex: h.key.toString('hex') }, 2));
      const csv = batchCsv();
      // 60 rows of 15 a chunk: lanes are prepared (during the spool, before pass 1), then used.
      const done = await ingestBatch(h.deps({ chunkRunner: runner }), {
        key: await h.land('service_records', 'futian', 'early', 'early.csv', csv),
      });
      expect(done.status).toBe('COMPLETED');
      expect(events.slice(0, 3).sort()).toEqual(['lane 0', 'lane 1', 'prepare 2']);
      expect(events[0]).toBe('prepare 2');
      expect(events.at(-1)).toBe('release');
      const big = serviceRecordsCsv(Array.from({ length: 2000 }, (_, i) => recordRow({ record_id: `B${i}` })));
      expect(big.length).toBeGreaterThan(128 * 1024);
      const base = h.deps({ chunkRunner: runner });
      const tooSmall = { ...base.settings, limits: { ...base.settings.limits, maxFileBytes: big.length - 1 } };
      // A landing store on the local filesystem is read in place: its size refuses it before any lane starts.
      events.length = 0;
      const refusedAtOnce = await ingestBatch(
        { ...base, settings: tooSmall },
        { key: await h.land('service_records', 'futian', 'huge', 'huge.csv', big) },
      );
      expect(refusedAtOnce).toMatchObject({ status: 'FAILED', failure: { code: 'FILE_TOO_LARGE' } });
      expect(events).toEqual([]);
      // A remote store is copied: refused as too large after its first blocks prepared the lanes,
      // which are then stopped; nothing runs.
      const local = h.stores.landing;
      const remote = new Proxy(local, {
        get: (target, name) => {
          if (name === 'locationOf') return (key: string) => `s3://landing/${key}`;
          const value = Reflect.get(target, name);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      events.length = 0;
      const refused = await ingestBatch(
        { ...base, landing: remote, settings: tooSmall },
        { key: await h.land('service_records', 'futian', 'huge2', 'huge2.csv', big) },
      );
      expect(refused).toMatchObject({ status: 'FAILED', failure: { code: 'FILE_TOO_LARGE' } });
      expect(events).toEqual(['prepare 2', 'release']);
    } finally {
      await h.close();
    }
  });

  it('fans chunks out to a queue; the last chunk to finish completes the batch', async () => {
    const expected = await reference();
    const h = await startHarness({ db, key: KEY, chunkRows: 25 });
    try {
      const tasks: ChunkTask[] = [];
      const queue: QueueChunkRunner = { kind: 'queue', dispatch: async (t) => void tasks.push(...JSON.parse(JSON.stringify(t))) };
      const key = await h.land('service_records', 'futian', 'big', 'big.csv', batchCsv());
      const pending = await ingestBatch(h.deps({ chunkRunner: queue }), { key, receivedAt: '2026-10-02T00:00:00.000Z' });
      expect(pending.status).toBe('PROCESSING');
      expect(tasks.map((t) => [t.chunk, t.firstOrdinal, t.endOrdinal])).toEqual([
        [0, 0, 25],
        [1, 25, 50],
        [2, 50, 60],
      ]);
      // Chunks finish in any order; a redelivered chunk is harmless.
      expect(await runQueuedChunk(h.deps(), tasks[2]!)).toBeNull();
      expect(await runQueuedChunk(h.deps(), tasks[0]!)).toBeNull();
      expect(await runQueuedChunk(h.deps(), tasks[0]!)).toBeNull();
      const outcome = await runQueuedChunk(h.deps(), tasks[1]!);
      const sameBut = (o: typeof expected.outcome) => ({
        ...o,
        errors_report: o.errors_report?.slice(o.errors_report.indexOf('/rejects/')),
      });
      expect(outcome && sameBut(outcome)).toEqual(sameBut(expected.outcome));
      expect(await h.stores.landing.list('')).toEqual([]);
      const picture = await snapshot(h);
      expect(picture.lakeFiles.filter((f) => f.startsWith('staging/'))).toEqual([]);
      expect(picture.records).toEqual(expected.picture.records);
      const rows = (p: typeof picture) =>
        p.lakeRows.map(({ filename: _f, ...r }) => r).sort((a, b) => Number(a.source_row) - Number(b.source_row));
      expect(rows(picture)).toEqual(rows(expected.picture));
      const report = Buffer.from(await h.stores.rejects.get(reportKey)).toString('utf8');
      expect(report).toContain('big.csv,52,record_id,R5,DUPLICATE_IN_FILE');
    } finally {
      await h.close();
    }
  });
});
