import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config.ts';
import { openRuntime, type Runtime } from '../../adapters/runtime.ts';
import { type DemoSummary, runDemo } from '../../cli/demo.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('redvest demo', () => {
  let dataDir: string;
  let runtime: Runtime;
  let first: DemoSummary;
  let second: DemoSummary;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'redvest-demo-'));
    const config = loadConfig({}, { dataDir, today: '2026-11-20', logLevel: 'ERROR' });
    runtime = await openRuntime(config);
    const quiet = () => undefined;
    first = await runDemo(runtime, { records: 1500, seed: 7, say: quiet, pdf: false });
    second = await runDemo(runtime, { records: 1500, seed: 7, say: quiet, pdf: false });
  }, 240_000);

  afterAll(async () => {
    await runtime?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ingests every generated batch and keeps the batch outcome contract', () => {
    expect(first.batches).toBeGreaterThan(20);
    expect(first.batches_by_status).toEqual({ COMPLETED: first.batches });
    expect(first.rows_received).toBe(first.rows_accepted + first.rows_rejected);
    expect(first.rows_rejected).toBeGreaterThan(0);
    expect(first.corrections).toBeGreaterThan(0);
    expect(first.duplicates).toBeLessThanOrEqual(first.rows_accepted);
  });

  it('prints the number of current records that a query over the lake returns', async () => {
    const engine = await runtime.engine();
    const [row] = await engine.query('SELECT count(*) AS n FROM service_records');
    expect(Number(row?.n)).toBe(first.current_records);
    expect(first.current_records).toBeGreaterThan(1000);
    expect(first.approved_hours).toBeGreaterThan(0);
  });

  it('writes dashboards and funder reports, and leaves landing empty', async () => {
    expect(first.dashboard_files).toBeGreaterThan(10);
    expect(first.reports.length).toBeGreaterThan(0);
    expect(first.reports_failed).toBe(0);
    expect(await filesUnder(path.join(dataDir, 'landing'))).toEqual([]);
    expect(await runtime.stores.site.exists('data/index.json')).toBe(true);
    expect(await runtime.stores.reports.exists(`${first.reports[0]}report.json`)).toBe(true);
  });

  it('a second run re-uploads byte-identical files: every batch is a DUPLICATE and nothing is counted twice', () => {
    expect(second.batches_by_status).toEqual({ DUPLICATE: first.batches });
    expect(second.rows_received).toBe(0);
    expect(second.current_records).toBe(first.current_records);
    expect(second.approved_hours).toBe(first.approved_hours);
  });
});
