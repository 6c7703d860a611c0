/**
 * The report over a real aggregation run: a generated lake is aggregated by
 * `pipeline/aggregate`, registered with `registerLakeViews`, and every report figure is checked
 * against plain SELECTs of the aggregate tables; a late batch then changes figures that
 * `verifyReport` must name.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { DuckDbEngine } from '../../../adapters/query/duckdb-engine.ts';
import type { BatchFacts } from '../../../pipeline/aggregate/batch-facts.ts';
import { duckDbLakeIo } from '../../../pipeline/aggregate/lake-io.ts';
import { registerLakeViews } from '../../../pipeline/aggregate/lake-views.ts';
import { runAggregation } from '../../../pipeline/aggregate/run-aggregation.ts';
import { pointerFileCatalog } from '../../../pipeline/aggregate/snapshot.ts';
import { buildReportModel, type ReportSources } from '../../../pipeline/reports/report-model.ts';
import { verifyReport } from '../../../pipeline/reports/verify-report.ts';
import { type GeneratedBatch, generateCuratedDataset } from '../aggregate/support/curated-dataset.ts';
import { writeBatches } from '../aggregate/support/write-lake.ts';

const num = (v: unknown) => Number(v);
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

describe('report over a real aggregation run', () => {
  let dir: string;
  let engine: DuckDbEngine;
  let lake: FsBlobStore;
  let visible: BatchFacts[] = [];
  let late: GeneratedBatch;
  let contractId: string;
  let period: string;

  const sources = (): ReportSources => ({
    engine,
    aggregationRunId: async () => (await pointerFileCatalog(lake).current())?.runId,
  });
  const publishAndAggregate = async (batches: GeneratedBatch[]) => {
    await writeBatches(engine, lake.root, batches);
    visible = [...visible, ...batches.map((b) => b.facts)];
    const result = await runAggregation({
      engine,
      lake,
      io: duckDbLakeIo(engine, lake),
      catalog: pointerFileCatalog(lake),
      batches: { completedBatches: async () => visible },
      config: { hourlyWageCny: 22.2 },
    });
    expect(result.status).toBe('published');
    await registerLakeViews(engine, lake);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rv-report-agg-'));
    lake = new FsBlobStore(`file://${dir}/lake`);
    engine = await DuckDbEngine.create({ threads: 2 });
    const all = generateCuratedDataset({ seed: 11, records: 3000 });
    late = all[all.length - 1]!;
    // The report is about the contract and quarter the late batch will change.
    const touched = late.service.find((r) => r.contract_id !== null && r.status === 'approved' && !r.tombstone);
    if (!touched) throw new Error('the generated late batch has no approved contract record');
    contractId = touched.contract_id!;
    period = quarterOf(touched.service_date);
    await publishAndAggregate(all.slice(0, -1));
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every figure equals what the aggregate tables say', async () => {
    const model = await buildReportModel(sources(), { contractId, period });
    const [delivery] = await engine.query(
      `SELECT * FROM agg_purchase_delivery WHERE contract_id = '${contractId}' AND period_type = 'quarter' AND period = '${period}'`,
    );
    expect(delivery).toBeDefined();
    expect(model.figures['delivery.service_hours']).toBeCloseTo(num(delivery!.service_hours), 2);
    expect(model.figures['delivery.service_hours']).toBeGreaterThan(0);
    expect(model.figures['delivery.target_hours']).toBe(num(delivery!.target_hours));
    expect(model.figures['delivery.budget_cny']).toBe(num(delivery!.budget_cny));
    expect(model.figures['delivery.cost_per_hour']).toBe(delivery!.cost_per_hour === null ? null : num(delivery!.cost_per_hour));
    expect(model.figures['delivery.volunteer_time_value_cny']).toBeCloseTo(num(delivery!.volunteer_time_value_cny), 2);
    expect(model.figures['delivery.active_volunteers']).toBe(num(delivery!.active_volunteers));
    expect(model.figures['delivery.contract_volunteers_to_date']).toBe(num(delivery!.contract_volunteers_to_date));

    const months = await engine.query(
      `SELECT period, service_hours FROM agg_purchase_delivery WHERE contract_id = '${contractId}' AND period_type = 'month'
       AND period BETWEEN '${model.period.months[0]}' AND '${model.period.months[2]}' ORDER BY period`,
    );
    expect(model.trend.map((t) => t.month)).toEqual(months.map((m) => m.period));
    for (const m of months) expect(model.figures[`trend.${m.period}.service_hours`]).toBeCloseTo(num(m.service_hours), 2);

    const districts = await engine.query(
      `SELECT district, service_hours, active_volunteers, beneficiaries FROM agg_purchase_breakdown
       WHERE contract_id = '${contractId}' AND period_type = 'quarter' AND period = '${period}'
         AND district <> 'all' AND street_code = 'all' AND beneficiary_group = 'all'`,
    );
    expect(districts.length).toBeGreaterThan(0);
    expect(model.districts).toHaveLength(districts.length);
    for (const d of districts) {
      const volunteers = num(d.active_volunteers);
      expect(model.figures[`district.${d.district}.service_hours`]).toBeCloseTo(num(d.service_hours), 2);
      expect(model.figures[`district.${d.district}.beneficiaries`]).toBe(num(d.beneficiaries));
      expect(model.figures[`district.${d.district}.active_volunteers`]).toBe(
        volunteers >= 1 && volunteers <= 4 ? '<5' : volunteers,
      );
    }

    const [total] = await engine.query(
      `SELECT records_total, records_approved FROM agg_purchase_breakdown WHERE contract_id = '${contractId}'
       AND period_type = 'quarter' AND period = '${period}' AND district = 'all' AND street_code = 'all' AND beneficiary_group = 'all'`,
    );
    expect(model.figures['quality.records_total']).toBe(num(total!.records_total));
    expect(model.figures['quality.records_approved']).toBe(num(total!.records_approved));

    const stars = await engine.query(
      `SELECT star, volunteers FROM agg_star_levels WHERE contract_id = '${contractId}' AND district = 'all'
       AND period_type = 'quarter' AND period = '${period}' ORDER BY star`,
    );
    for (const s of stars) expect(model.figures[`stars.${s.star}.volunteers`]).toBe(num(s.volunteers));

    expect(model.provenance.aggregation_run_id).toBe((await pointerFileCatalog(lake).current())!.runId);
    expect(model.provenance.batches.length).toBeGreaterThan(0);
  });

  it('verify-report holds, then names the figures a late batch changed', async () => {
    const report = JSON.parse(JSON.stringify(await buildReportModel(sources(), { contractId, period })));
    expect((await verifyReport(sources(), report)).holds).toBe(true);

    await publishAndAggregate([late]);
    const result = await verifyReport(sources(), report);
    expect(result.holds).toBe(false);
    const ids = result.changed.map((c) => c.id);
    expect(ids).toContain('delivery.service_hours');
    expect(ids).toContain(`lineage.${late.facts.batchId}.records`);
  });
});
