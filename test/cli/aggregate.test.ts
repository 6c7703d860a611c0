import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config.ts';
import { DuckDbEngine } from '../../adapters/query/duckdb-engine.ts';
import { openRuntime } from '../../adapters/runtime.ts';
import { registerBatch, transitionBatch } from '../../pipeline/ingest/manifest.ts';
import { type GeneratedBatch, generateCuratedDataset } from '../pipeline/aggregate/support/curated-dataset.ts';
import { normalise } from '../pipeline/aggregate/support/read-tables.ts';
import { referenceTables } from '../pipeline/aggregate/support/reference.ts';
import { writeBatches } from '../pipeline/aggregate/support/write-lake.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/redvest.js');

/** Writes the batches into the data dir's lake and their COMPLETED manifests into its ops store, as ingest would. */
async function ingestLike(dataDir: string, batches: GeneratedBatch[]): Promise<void> {
  const engine = await DuckDbEngine.create({ threads: 1 });
  try {
    await writeBatches(engine, path.join(dataDir, 'lake'), batches);
  } finally {
    await engine.close();
  }
  const runtime = await openRuntime(loadConfig({}, { dataDir }));
  try {
    for (const { facts } of batches) {
      const manifest = await registerBatch(runtime.ops, {
        batch_id: facts.batchId,
        dataset: facts.dataset,
        district: facts.district,
        file_name: `${facts.batchId}.csv`,
        landing_key: `landing/${facts.batchId}.csv`,
        received_at: facts.receivedAt,
        version: `${facts.receivedAt}#${facts.batchId}`,
      });
      await transitionBatch(
        runtime.ops,
        manifest,
        'COMPLETED',
        ['RECEIVED'],
        {
          received: facts.received,
          accepted: facts.accepted,
          rejected: facts.rejected,
          duplicates: facts.duplicates,
          corrections: facts.corrections,
          months_touched: facts.months,
        },
        new Date(facts.completedAt),
      );
    }
  } finally {
    await runtime.close();
  }
}

async function redvest(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, '--data-dir', dataDir, '--json', ...args], {
    env: { ...process.env, REDVEST_ENGINE: 'duckdb', REDVEST_OPS: 'dynalite', REDVEST_HISTORY_START: '' },
  });
  return stdout;
}

describe('redvest aggregate, then redvest query', () => {
  let dataDir: string;
  let batches: GeneratedBatch[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rv-cli-agg-'));
    // In completion order: the last four complete after the first run (batches completed before
    // a run's watermark are, by design, already accounted for).
    batches = generateCuratedDataset({ seed: 11, records: 1500, months: 6 }).sort((a, b) =>
      a.facts.completedAt.localeCompare(b.facts.completedAt),
    );
    await ingestLike(dataDir, batches.slice(0, batches.length - 4));
  }, 60_000);
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('aggregates every completed batch from the manifests and publishes tables the query command reads', async () => {
    const seen = batches.slice(0, batches.length - 4);
    const result = JSON.parse(await redvest(dataDir, 'aggregate'));
    expect(result).toMatchObject({ status: 'published', full: true, newBatches: seen.length });
    expect(result.rows.agg_participation).toBeGreaterThan(0);

    const rows = JSON.parse(
      await redvest(dataDir, 'query', 'SELECT * FROM agg_participation ORDER BY period_type, period, district, street_code'),
    );
    const expected = normalise('agg_participation', referenceTables(seen, { hourlyWageCny: 22.2 }).agg_participation!);
    expect(rows).toHaveLength(expected.length);
    expect(rows.length).toBe(result.rows.agg_participation);
    const total = (list: Record<string, unknown>[]) =>
      list.filter((r) => r.period_type === 'year' && r.district === 'all').reduce((sum, r) => sum + Number(r.service_records), 0);
    expect(total(rows)).toBe(total(expected));
    expect(total(rows)).toBeGreaterThan(0);
  }, 60_000);

  it('a rerun with nothing new is unchanged; late batches are picked up incrementally', async () => {
    expect(JSON.parse(await redvest(dataDir, 'aggregate'))).toMatchObject({ status: 'unchanged', newBatches: 0 });
    const late = batches.slice(batches.length - 4);
    await ingestLike(dataDir, late);
    const result = JSON.parse(await redvest(dataDir, 'aggregate'));
    expect(result).toMatchObject({ status: 'published', full: false, newBatches: late.length });
    const months = [...new Set(late.flatMap((b) => (b.facts.dataset === 'service_records' ? b.facts.months : [])))].sort();
    expect(result.recomputedMonths.service_records).toEqual(months);
    const [row] = JSON.parse(
      await redvest(
        dataDir,
        'query',
        "SELECT sum(service_records) AS n FROM agg_participation WHERE period_type = 'month' AND district = 'all'",
      ),
    );
    const expected = referenceTables(batches, { hourlyWageCny: 22.2 })
      .agg_participation!.filter((r) => r.period_type === 'month' && r.district === 'all')
      .reduce((sum, r) => sum + Number(r.service_records), 0);
    expect(Number(row.n)).toBe(expected);
  }, 60_000);
});
