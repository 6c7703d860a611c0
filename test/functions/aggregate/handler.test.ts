import { Console } from 'node:console';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { DuckDbEngine } from '../../../adapters/query/duckdb-engine.ts';
import { createAggregateHandler } from '../../../functions/aggregate/handler.ts';
import type { BatchFacts } from '../../../pipeline/aggregate/batch-facts.ts';
import { duckDbLakeIo } from '../../../pipeline/aggregate/lake-io.ts';
import type { AggregationDeps } from '../../../pipeline/aggregate/run-aggregation.ts';
import { pointerFileCatalog } from '../../../pipeline/aggregate/snapshot.ts';
import { type GeneratedBatch, generateCuratedDataset } from '../../pipeline/aggregate/support/curated-dataset.ts';
import { writeBatches } from '../../pipeline/aggregate/support/write-lake.ts';

const context = {
  functionName: 'aggregate',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:aggregate',
  memoryLimitInMB: '3008',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 600_000,
} as unknown as Context;

/** A Logger and a Metrics whose output lines are collected. */
function captured() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const console = new Console({ stdout: sink, stderr: sink });
  const logger = new Logger({ serviceName: 'aggregate', logLevel: 'INFO' });
  const metrics = new Metrics({ namespace: 'Redvest', serviceName: 'aggregate' });
  (logger as unknown as { console: Console }).console = console;
  (metrics as unknown as { console: Console }).console = console;
  return { logger, metrics, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('aggregate handler', () => {
  let dir: string;
  let engine: DuckDbEngine;
  let lake: FsBlobStore;
  let batches: GeneratedBatch[];
  let visible: BatchFacts[];
  let rowsOfFirstRun: Record<string, number> | undefined;

  const deps = (): AggregationDeps => ({
    engine,
    lake,
    io: duckDbLakeIo(engine, lake),
    catalog: pointerFileCatalog(lake),
    batches: { completedBatches: async () => visible },
    config: { hourlyWageCny: 22.2 },
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rv-agg-fn-'));
    lake = new FsBlobStore(`file://${dir}/lake`);
    engine = await DuckDbEngine.create({ threads: 1 });
    batches = generateCuratedDataset({ seed: 5, records: 800, months: 4 });
    await writeBatches(engine, lake.root, batches);
    visible = batches.map((b) => b.facts);
  });
  afterAll(async () => {
    await engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the job, logs a summary without personal data and emits its metrics', async () => {
    const out = captured();
    const handle = createAggregateHandler(async () => deps(), out.logger, out.metrics);
    const result = await handle({}, context);
    expect(result).toMatchObject({ status: 'published', full: true, newBatches: batches.length });
    rowsOfFirstRun = result.rows;
    expect(await pointerFileCatalog(lake).current()).toMatchObject({ runId: result.runId });

    const lines = out.lines();
    const summary = lines.find((l) => l.message === 'aggregation finished');
    expect(summary).toMatchObject({ runId: result.runId, status: 'published', full: true, function_request_id: 'req-1' });
    const emf = lines.find((l) => l._aws !== undefined);
    expect(emf).toMatchObject({ service: 'aggregate', ProfilesWritten: result.profilesWritten });
    expect(emf!.CuratedBytesRead).toBe(result.curatedBytesRead);
    expect(result.curatedBytesRead).toBeGreaterThan(0);

    const text = JSON.stringify(lines);
    const keys = new Set(batches.flatMap((b) => b.service.map((r) => r.volunteer_key)));
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) expect(text).not.toContain(key);
  });

  it('does nothing on the schedule when no batch is new, and rebuilds on { full: true }', async () => {
    const out = captured();
    const handle = createAggregateHandler(async () => deps(), out.logger, out.metrics);
    const before = await pointerFileCatalog(lake).current();
    const first = rowsOfFirstRun!;
    expect(await handle({}, context)).toMatchObject({ status: 'unchanged', runId: null });
    expect(await pointerFileCatalog(lake).current()).toEqual(before);
    const full = await handle({ full: true }, context);
    expect(full).toMatchObject({ status: 'published', full: true });
    expect(full.runId).not.toBe(before!.runId);
    // A full rebuild over the same batches writes the same number of rows to every table.
    expect(full.rows).toEqual(first);
  });

  it('fails the invocation when its dependencies cannot be resolved', async () => {
    const out = captured();
    const handle = createAggregateHandler(
      async () => {
        throw new Error('engine unavailable');
      },
      out.logger,
      out.metrics,
    );
    await expect(handle({}, context)).rejects.toThrow('engine unavailable');
  });
});
