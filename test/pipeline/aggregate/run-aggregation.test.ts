import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../../../adapters/ops/dynamo-ops-store.ts';
import { DuckDbEngine } from '../../../adapters/query/duckdb-engine.ts';
import type { BatchFacts } from '../../../pipeline/aggregate/batch-facts.ts';
import { duckDbLakeIo } from '../../../pipeline/aggregate/lake-io.ts';
import { type AggregationDeps, runAggregation } from '../../../pipeline/aggregate/run-aggregation.ts';
import { pointerFileCatalog } from '../../../pipeline/aggregate/snapshot.ts';
import { readVolunteerProfile } from '../../../pipeline/aggregate/volunteer-profiles.ts';
import { type GeneratedBatch, generateCuratedDataset } from './support/curated-dataset.ts';
import { normalise, readCurrentTables } from './support/read-tables.ts';
import { type Row, referenceTables } from './support/reference.ts';
import { writeBatches } from './support/write-lake.ts';

const CONFIG = { hourlyWageCny: 22.2 };

/** Compares every row of every table, reporting the first differing rows of a table. */
function expectTables(actual: Record<string, Row[]>, expected: Record<string, Row[]>) {
  for (const table of Object.keys(expected)) {
    const want = normalise(table, expected[table]!);
    expect(actual[table]!.length, `${table} row count`).toBe(want.length);
    expect(actual[table], table).toEqual(want);
  }
}

describe('runAggregation on DuckDB over a generated lake', () => {
  let dir: string;
  let engine: DuckDbEngine;
  let lake: FsBlobStore;
  let db: RunningDynalite;
  let client: DynamoDBClient;
  let ops: DynamoOpsStore;
  let all: GeneratedBatch[];
  let phaseA: GeneratedBatch[];
  let phaseB: GeneratedBatch[];
  let phaseC: GeneratedBatch[];
  let visible: BatchFacts[] = [];

  const deps = (extra: Partial<AggregationDeps> = {}): AggregationDeps => ({
    engine,
    lake,
    io: duckDbLakeIo(engine, lake),
    catalog: pointerFileCatalog(lake),
    batches: { completedBatches: async () => visible },
    ops,
    config: CONFIG,
    ...extra,
  });
  const publish = async (batches: GeneratedBatch[]) => {
    await writeBatches(engine, lake.root, batches);
    visible = [...visible, ...batches.map((b) => b.facts)];
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rv-agg-'));
    lake = new FsBlobStore(`file://${dir}/lake`);
    engine = await DuckDbEngine.create({ threads: 2 });
    db = await startDynalite();
    client = createDynamoClient({ endpoint: db.endpoint, local: true });
    await ensureTable(client, 'ops-agg');
    ops = new DynamoOpsStore(client, 'ops-agg');
    all = generateCuratedDataset({ seed: 42, records: 20_000 });
    // A: everything received before the last two months; B: the last two months; C: the late batch.
    const late = all[all.length - 1]!;
    const cutoff = all[all.length - 1 - 2 * 5 * 3]!.facts.receivedAt;
    phaseA = all.filter((b) => b !== late && b.facts.receivedAt < cutoff);
    phaseB = all.filter((b) => b !== late && b.facts.receivedAt >= cutoff);
    phaseC = [late];
  });
  afterAll(async () => {
    await engine?.close();
    client?.destroy();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('first run computes every table exactly as the independent TypeScript computation', async () => {
    await publish(phaseA);
    const result = await runAggregation(deps());
    expect(result.status).toBe('published');
    expect(result.full).toBe(true);
    expectTables(await readCurrentTables(engine, lake), referenceTables(phaseA, CONFIG));
    expect(result.profilesWritten).toBeGreaterThan(100);
  });

  it('an incremental run recomputes only the touched months and agrees with the reference', async () => {
    const before = await pointerFileCatalog(lake).current();
    await publish(phaseB);
    const result = await runAggregation(deps());
    expect(result.full).toBe(false);
    const touched = [...new Set(phaseB.flatMap((b) => (b.facts.dataset === 'service_records' ? b.facts.months : [])))].sort();
    expect(result.recomputedMonths.service_records).toEqual(touched);
    expect(touched.length).toBeLessThan(Object.keys(before!.partitions.int_volunteer_month!).length);
    expectTables(await readCurrentTables(engine, lake), referenceTables([...phaseA, ...phaseB], CONFIG));
    // Untouched months still point at the first run's files.
    const after = await pointerFileCatalog(lake).current();
    const month = Object.keys(before!.partitions.int_volunteer_month!).find((m) => !touched.includes(m))!;
    expect(after!.partitions.int_volunteer_month![month]).toBe(before!.partitions.int_volunteer_month![month]);
  });

  it('a run that fails half-way leaves the previous snapshot readable and unchanged', async () => {
    const before = await pointerFileCatalog(lake).current();
    const tablesBefore = await readCurrentTables(engine, lake);
    await publish(phaseC);
    await expect(
      runAggregation(
        deps({
          afterStep: (step) => {
            if (step === 'aggregate:agg_star_levels') throw new Error('simulated crash');
          },
        }),
      ),
    ).rejects.toThrow('simulated crash');
    expect(await pointerFileCatalog(lake).current()).toEqual(before);
    expect(await readCurrentTables(engine, lake)).toEqual(tablesBefore);
  });

  it('late-arriving records for an old month recompute that month only', async () => {
    const result = await runAggregation(deps());
    expect(result.status).toBe('published');
    expect(result.recomputedMonths.service_records).toEqual(phaseC[0]!.facts.months);
    expect(result.recomputedMonths.registrations).toEqual([]);
    expectTables(await readCurrentTables(engine, lake), referenceTables(all, CONFIG));
    // Only volunteers whose figures changed are written back.
    expect(result.profilesWritten).toBeGreaterThan(0);
    expect(result.profilesWritten).toBeLessThan(80);
  });

  it('reruns give identical tables: nothing new publishes nothing, --full rebuilds the same rows', async () => {
    const tables = await readCurrentTables(engine, lake);
    const snapshot = await pointerFileCatalog(lake).current();
    const again = await runAggregation(deps());
    expect(again.status).toBe('unchanged');
    expect(await pointerFileCatalog(lake).current()).toEqual(snapshot);
    const full = await runAggregation(deps(), { full: true });
    expect(full.full).toBe(true);
    expect(full.runId).not.toBe(snapshot!.runId);
    expect(await readCurrentTables(engine, lake)).toEqual(tables);
    expect(full.profilesWritten).toBe(0);
  });

  it('writes volunteer profiles the lookup reads', async () => {
    const snapshot = await pointerFileCatalog(lake).current();
    const [top] = await engine.query(
      `SELECT * FROM read_parquet('${lake.locationOf(`${snapshot!.tables.volunteer_profiles}data.parquet`)}') ORDER BY cumulative_hours DESC LIMIT 1`,
    );
    const profile = await readVolunteerProfile(ops, String(top!.volunteer_key));
    expect(profile).toMatchObject({
      cumulative_hours: top!.cumulative_hours,
      star: top!.star,
      first_service_date: top!.first_service_date,
      last_service_date: top!.last_service_date,
    });
    expect(profile!.star).toBeGreaterThan(0);
  });
});
