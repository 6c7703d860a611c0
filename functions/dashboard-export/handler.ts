/**
 * Dashboard export function: runs after each aggregation (a step of the scheduled pipeline, or
 * on demand) and rewrites the dashboards' JSON under `data/` in the site bucket. Wiring only:
 * the logic is `pipeline/dashboard-export`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig } from '../../adapters/config.ts';
import type { BlobStore, QueryEngine } from '../../adapters/ports.ts';
import { exportDashboardData } from '../../pipeline/dashboard-export/export-dashboard-data.ts';
import type { ExportSummary } from '../../pipeline/dashboard-export/payloads.ts';

/** What the handler needs, resolved once per container. */
export interface DashboardExportDeps {
  engine: () => Promise<QueryEngine>;
  site: BlobStore;
  suppressBelow: number;
}

/** The handler's result (keys are left out: hundreds of them). */
export interface DashboardExportResult {
  files: number;
  bytes: number;
  periods: number;
  suppressedCells: number;
}

function resultOf(summary: ExportSummary): DashboardExportResult {
  return { files: summary.keys.length, bytes: summary.bytes, periods: summary.periods, suppressedCells: summary.suppressedCells };
}

/**
 * Builds the handler over a dependency resolver (cloud: runtime from the environment; tests:
 * their own engine and store).
 *
 * @example
 * const handle = createDashboardExportHandler(async () => ({ engine: async () => engine, site, suppressBelow: 5 }));
 * await handle({}, context); // { files: 171, bytes: …, periods: 34, suppressedCells: … }
 */
export function createDashboardExportHandler(
  resolveDeps: () => Promise<DashboardExportDeps>,
  logger: Logger = new Logger({ serviceName: 'dashboard-export' }),
  metrics: Metrics = new Metrics({ namespace: 'Redvest', serviceName: 'dashboard-export' }),
) {
  const handle = async (): Promise<DashboardExportResult> => {
    const deps = await resolveDeps();
    const summary = await exportDashboardData({
      engine: await deps.engine(),
      site: deps.site,
      suppressBelow: deps.suppressBelow,
    });
    const result = resultOf(summary);
    logger.info('dashboard data exported', { ...result });
    metrics.addMetric('DashboardFilesWritten', MetricUnit.Count, result.files);
    metrics.addMetric('DashboardBytesWritten', MetricUnit.Bytes, result.bytes);
    metrics.addMetric('SuppressedCells', MetricUnit.Count, result.suppressedCells);
    return result;
  };
  return middy<unknown, DashboardExportResult, Error, Context>(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}

let cloudDeps: Promise<DashboardExportDeps> | undefined;

/** Dependencies in the cloud: configuration from the environment, read on first invocation. */
function resolveCloudDeps(): Promise<DashboardExportDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const [{ openRuntime }, { lakeViewRegistrar }] = await Promise.all([
      import('../../adapters/runtime.ts'),
      import('../../pipeline/reports/report-deps.ts'),
    ]);
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    // Athena knows the aggregate tables from Glue; a local DuckDB engine gets the lake's views once.
    const registerLakeViews = await lakeViewRegistrar(config);
    let engine: Promise<QueryEngine> | undefined;
    const registeredEngine = () => {
      engine ??= runtime.engine().then(async (opened) => {
        if (registerLakeViews) await registerLakeViews(opened, runtime.stores.lake);
        return opened;
      });
      return engine;
    };
    return { engine: registeredEngine, site: runtime.stores.site, suppressBelow: config.suppressBelow };
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createDashboardExportHandler(resolveCloudDeps);
