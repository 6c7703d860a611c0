/**
 * The whole pipeline on one machine (`npm start` = `redvest demo`): generate district
 * batches, ingest every file through the ingest handler (reference data first), aggregate,
 * build the dashboards, write the funder reports for the last complete quarter, and print a
 * summary. Every step is the one the cloud runs; only the adapters differ.
 */
import path from 'node:path';
import type { RedvestConfig } from '../adapters/config.ts';
import type { Runtime } from '../adapters/runtime.ts';
import type { BatchOutcome } from '../pipeline/ingest/batch-outcome.ts';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Service records to generate. Default 20,000. */
  records: number;
  seed: number;
  /** As-of date of the generated data; default today in Asia/Shanghai. */
  asOf?: string;
  /** Progress and step messages (stderr). */
  say: (message: string) => void;
  /** Print report PDFs with Chromium when it is present. Default true. */
  pdf?: boolean;
}

/** What the demo did, printed at the end (and as one JSON line with --json). */
export interface DemoSummary {
  as_of: string;
  batches: number;
  batches_by_status: Record<string, number>;
  rows_received: number;
  rows_accepted: number;
  rows_rejected: number;
  duplicates: number;
  corrections: number;
  current_records: number;
  approved_hours: number;
  aggregation_run: string | null;
  dashboard_files: number;
  reports: string[];
  reports_failed: number;
  seconds: number;
}

/**
 * Runs generate → ingest → aggregate → dashboards → reports over an open runtime.
 *
 * @example
 * const summary = await runDemo(runtime, { records: 20000, seed: 1, say: console.error });
 */
export async function runDemo(runtime: Runtime, options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const config = runtime.config;
  const { todayInShanghai } = await import('../adapters/config.ts');
  const today = todayInShanghai(config);
  const asOf = options.asOf ?? today;
  const step = (zh: string, en: string) => options.say(`\n▶ ${zh} / ${en}`);

  step('生成各区样例数据', `generating district batches (as of ${asOf}, seed ${options.seed}, ${options.records} records)`);
  const { generateDataset, writeDataset } = await import('../pipeline/generate/index.ts');
  const dataset = generateDataset({ asOf, seed: options.seed, records: options.records });
  const files = await writeDataset(dataset, path.join(config.dataDir, 'generated'));
  files.sort((a, b) => a.order - b.order);
  options.say(`  ${files.length} files`);

  step('逐批导入(先参考数据)', `ingesting ${files.length} batches through the ingest handler (reference data first)`);
  const { ingestLocalFiles } = await import('./commands/ingest.ts');
  const outcomes: BatchOutcome[] = [];
  for (const file of files) {
    const [outcome] = await ingestLocalFiles(runtime, [file.path], { dataset: file.dataset, district: file.district });
    if (!outcome) throw new Error(`no outcome for ${file.path}`);
    outcomes.push(outcome);
    options.say(
      `  ${path.basename(file.path).padEnd(44)} ${outcome.status.padEnd(9)} accepted ${outcome.accepted}, rejected ${outcome.rejected}` +
        (outcome.corrections ? `, corrections ${outcome.corrections}` : '') +
        (outcome.duplicates ? `, duplicates ${outcome.duplicates}` : ''),
    );
  }

  step('汇总', 'aggregating');
  const { aggregationDeps } = await import('../pipeline/aggregate/aggregation-deps.ts');
  const { runAggregation } = await import('../pipeline/aggregate/run-aggregation.ts');
  const aggregation = await runAggregation(await aggregationDeps(runtime));
  options.say(`  run ${aggregation.runId ?? '(unchanged)'} ${aggregation.status}`);

  step('构建数据看板', 'building the dashboards');
  const engine = await runtime.engine();
  const { registerLakeViews } = await import('../pipeline/aggregate/lake-views.ts');
  await registerLakeViews(engine, runtime.stores.lake);
  const { buildDashboardSite } = await import('../dashboards/build.ts');
  const { exportDashboardData } = await import('../pipeline/dashboard-export/export-dashboard-data.ts');
  const site = await buildDashboardSite(runtime.stores.site);
  const data = await exportDashboardData({ engine, site: runtime.stores.site, suppressBelow: config.suppressBelow });
  options.say(`  ${site.keys.length} site files, ${data.keys.length} data files`);

  step('生成购买方报告(上一完整季度)', 'writing funder reports for the last complete quarter');
  const { reportDepsOf } = await import('../pipeline/reports/report-deps.ts');
  const { writeReportsForLastQuarter } = await import('../pipeline/reports/write-report.ts');
  const reportDeps = await reportDepsOf(runtime, {
    registerLakeViews,
    pdf: options.pdf,
    log: (m: string) => options.say(`  ${m}`),
  });
  const reports = await writeReportsForLastQuarter(reportDeps, today);
  for (const failed of reports.failed) options.say(`  report ${failed.contractId} failed: ${failed.error}`);

  const [totals] = await engine.query(
    "SELECT count(*) AS n, coalesce(sum(CASE WHEN status = 'approved' THEN hours END), 0) AS hours FROM service_records",
  );
  const sum = (pick: (o: BatchOutcome) => number) => outcomes.reduce((s, o) => s + pick(o), 0);
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  return {
    as_of: asOf,
    batches: outcomes.length,
    batches_by_status: byStatus,
    rows_received: sum((o) => o.received),
    rows_accepted: sum((o) => o.accepted),
    rows_rejected: sum((o) => o.rejected),
    duplicates: sum((o) => o.duplicates),
    corrections: sum((o) => o.corrections),
    current_records: Number(totals?.n ?? 0),
    approved_hours: Number(totals?.hours ?? 0),
    aggregation_run: aggregation.runId,
    dashboard_files: data.keys.length,
    reports: reports.written.map((r) => r.prefix),
    reports_failed: reports.failed.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/**
 * The summary as people read it (Chinese first).
 *
 * @example
 * process.stdout.write(formatDemoSummary(summary, config));
 */
export function formatDemoSummary(s: DemoSummary, config: Pick<RedvestConfig, 'dataDir'>): string {
  const statuses = Object.entries(s.batches_by_status)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    '',
    `红马甲演示完成 / Redvest demo finished in ${s.seconds} s (data as of ${s.as_of}, in ${config.dataDir})`,
    `  批次 / batches:            ${s.batches} (${statuses})`,
    `  接收行 / rows received:    ${s.rows_received}`,
    `  接受行 / rows accepted:    ${s.rows_accepted} (duplicates ${s.duplicates}, corrections ${s.corrections})`,
    `  拒绝行 / rows rejected:    ${s.rows_rejected}`,
    `  当前记录 / current records: ${s.current_records}`,
    `  已审核时长 / approved hours: ${s.approved_hours.toFixed(2)}`,
    `  报告 / reports:            ${s.reports.length}${s.reports_failed ? ` (${s.reports_failed} failed)` : ''}`,
    '',
  ].join('\n');
}
