import { randomBytes } from 'node:crypto';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { ingestBatch } from '../../../pipeline/ingest/ingest-batch.ts';
import { getManifest } from '../../../pipeline/ingest/manifest.ts';
import { CONTRACTS_CSV, ID_A, ID_B, idNumber, recordRow, serviceRecordsCsv } from './fixtures.ts';
import { type HarnessOptions, startHarness } from './harness.ts';
import { snapshot } from './snapshot.ts';

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROWS = 240;
const VOLUNTEERS = [ID_A, ID_B, idNumber('2001-02-03', 305), 'V000123', 'v000456'];

function firstBatch(): string {
  const rows = Array.from({ length: ROWS }, (_, i) =>
    recordRow({
      record_id: `R${i}`,
      volunteer_id: VOLUNTEERS[i % VOLUNTEERS.length]!,
      service_date: `2026-0${3 + (i % 4)}-${String(1 + (i % 27)).padStart(2, '0')}`,
    }),
  );
  rows.push(recordRow({ record_id: 'BAD', hours: '99', start_time: '', end_time: '' }));
  return serviceRecordsCsv(rows);
}

/** Re-sends every record: a third unchanged, a third with other hours, a third moved a month on. */
function secondBatch(): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const month = 3 + (i % 4);
    const moved = i % 3 === 2;
    return recordRow({
      record_id: `R${i}`,
      volunteer_id: VOLUNTEERS[i % VOLUNTEERS.length]!,
      service_date: `2026-0${moved ? month + 1 : month}-${String(1 + (i % 27)).padStart(2, '0')}`,
      ...(i % 3 === 1 ? { start_time: '', end_time: '', hours: '1.75' } : {}),
    });
  });
  return serviceRecordsCsv(rows);
}

async function run(options: HarnessOptions & { crashAfterPuts?: number }, db: RunningDynalite) {
  const h = await startHarness({ ...options, db });
  try {
    await ingestBatch(h.deps(), {
      key: await h.land('contracts', 'city', 'c-1', 'contracts.csv', CONTRACTS_CSV),
      receivedAt: '2026-10-01T00:00:00.000Z',
    });
    const one = await ingestBatch(h.deps(), {
      key: await h.land('service_records', 'futian', 'b1', 'one.csv', firstBatch()),
      receivedAt: '2026-10-02T00:00:00.000Z',
    });
    const key = await h.land('service_records', 'futian', 'b2', 'two.csv', secondBatch());
    let crashed = false;
    if (options.crashAfterPuts !== undefined) {
      let puts = 0;
      const crashing = new Proxy(h.ops, {
        get(target, prop, receiver) {
          if (prop === 'put')
            return async (...args: Parameters<typeof target.put>) => {
              if (String(args[0].pk).startsWith('REC#') && ++puts > options.crashAfterPuts!) throw new Error('simulated crash');
              return target.put(...args);
            };
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await expect(ingestBatch(h.deps({ ops: crashing }), { key, receivedAt: '2026-10-03T00:00:00.000Z' })).rejects.toThrow(
        'simulated crash',
      );
      crashed = (await getManifest(h.ops, 'b2'))?.status === 'PROCESSING';
    }
    const two = await ingestBatch(h.deps(), { key, receivedAt: '2026-10-03T00:00:00.000Z' });
    return { one, two, crashed, picture: await snapshot(h) };
  } finally {
    await h.close();
  }
}

describe('faults end in the same records and lake as a clean run', () => {
  let db: RunningDynalite;
  const key = randomBytes(32);
  let clean: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    db = await startDynalite();
    clean = await run({ key }, db);
  });
  afterAll(() => db.close());

  it('the clean run counts by the contract', () => {
    expect(clean.one).toMatchObject({ status: 'COMPLETED', received: ROWS + 1, accepted: ROWS, rejected: 1 });
    expect(clean.two).toMatchObject({
      status: 'COMPLETED',
      received: ROWS,
      accepted: ROWS,
      duplicates: ROWS / 3,
      corrections: (2 * ROWS) / 3,
    });
    expect(clean.picture.lakeRows.filter((r) => r.tombstone === true)).toHaveLength(ROWS / 3);
  });

  it('30 % of DynamoDB calls throttled', async () => {
    const random = seeded(42);
    const stats = { calls: 0, throttled: 0 };
    const faulty = await run(
      {
        key,
        maxAttempts: 20,
        decorateClient: (client) =>
          client.middlewareStack.add(
            (next) => async (args) => {
              stats.calls++;
              if (random() < 0.3) {
                stats.throttled++;
                throw new ProvisionedThroughputExceededException({ message: 'injected throttle', $metadata: {} });
              }
              return next(args);
            },
            { step: 'finalizeRequest', priority: 'low', name: 'injectThrottling' },
          ),
      },
      db,
    );
    expect(stats.throttled).toBeGreaterThan(stats.calls * 0.2);
    expect(faulty.two).toEqual(clean.two);
    expect(faulty.picture).toEqual(clean.picture);
  });

  it('a crash in the middle of a batch, then a retry', async () => {
    const retried = await run({ key, crashAfterPuts: ROWS / 2 }, db);
    expect(retried.crashed).toBe(true);
    expect(retried.two).toEqual(clean.two);
    expect(retried.picture.records).toEqual(clean.picture.records);
    expect(retried.picture.manifests).toEqual(clean.picture.manifests);
    expect(retried.picture.lakeFiles).toEqual(clean.picture.lakeFiles);
    expect(retried.picture.lakeRows).toEqual(clean.picture.lakeRows);
  });

  it('two batches correcting the same record concurrently end with the later version current', async () => {
    const h = await startHarness({ key, db });
    try {
      await ingestBatch(h.deps(), {
        key: await h.land('service_records', 'futian', 'base', 'base.csv', serviceRecordsCsv([recordRow({ record_id: 'X' })])),
        receivedAt: '2026-10-01T00:00:00.000Z',
      });
      const early = await h.land(
        'service_records',
        'futian',
        'early',
        'early.csv',
        serviceRecordsCsv([recordRow({ record_id: 'X', service_date: '2026-04-01' })]),
      );
      const late = await h.land(
        'service_records',
        'futian',
        'late',
        'late.csv',
        serviceRecordsCsv([recordRow({ record_id: 'X', service_date: '2026-05-01' })]),
      );
      // The earlier batch's pointer write is held until the later batch has finished.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const held = new Proxy(h.ops, {
        get(target, prop, receiver) {
          if (prop === 'put')
            return async (...args: Parameters<typeof target.put>) => {
              if (args[0].sk === 'CURRENT') await gate;
              return target.put(...args);
            };
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const earlyRun = ingestBatch(h.deps({ ops: held }), { key: early, receivedAt: '2026-10-02T00:00:00.000Z' });
      await new Promise((r) => setTimeout(r, 200));
      const lateOutcome = await ingestBatch(h.deps(), { key: late, receivedAt: '2026-10-03T00:00:00.000Z' });
      release();
      const earlyOutcome = await earlyRun;
      expect(lateOutcome).toMatchObject({ status: 'COMPLETED', corrections: 1 });
      expect(earlyOutcome).toMatchObject({ status: 'COMPLETED', corrections: 1 });
      const pointer = await h.ops.get('REC#service_records#futian#X', 'CURRENT');
      expect(pointer).toMatchObject({ batch_id: 'late', month: '2026-05' });
      // Each month's newest row: March and April are tombstoned, May holds the record.
      const { lakeRows } = await snapshot(h);
      const newest = new Map<string, Record<string, unknown>>();
      for (const row of lakeRows) {
        const month = String(row.month);
        const seen = newest.get(month);
        if (!seen || String(row.version) > String(seen.version)) newest.set(month, row);
      }
      expect(Object.fromEntries([...newest].map(([m, r]) => [m, r.tombstone]))).toEqual({ '03': true, '04': true, '05': false });
    } finally {
      await h.close();
    }
  });
});
