/**
 * Wires a report writer from a runtime: the query engine with the lake's tables registered,
 * the reports store, the aggregation run id from the published snapshot, batch file hashes
 * from the OpsStore, and the configured suppression, wage basis and Chromium path.
 * Shared by `redvest report`, `redvest verify-report`, `npm start` and `functions/report`.
 */
import type { RedvestConfig } from '../../adapters/config.ts';
import type { QueryEngine } from '../../adapters/ports.ts';
import type { Runtime } from '../../adapters/runtime.ts';
import { pointerFileCatalog } from '../aggregate/snapshot.ts';
import { opsBatchFileHashes } from './batch-file-hashes.ts';
import type { ReportWriterDeps } from './write-report.ts';

/** Registers the lake's tables and views (aggregates, `contracts`, `service_records`) on an engine. */
export type RegisterLakeViews = (engine: QueryEngine, lake: Runtime['stores']['lake']) => Promise<unknown>;

/** Options of {@link reportDepsOf}. */
export interface ReportDepsOptions {
  /**
   * Registers the lake tables on the engine (the aggregation's `registerLakeViews`); omitted
   * when the engine already knows them (Athena with the Glue catalog, tests).
   */
  registerLakeViews?: RegisterLakeViews;
  log?: ReportWriterDeps['log'];
  pdf?: boolean;
}

/**
 * Report writer dependencies from a runtime.
 *
 * @example
 * const deps = await reportDepsOf(runtime, { registerLakeViews });
 * await writeReport(deps, { contractId: 'GP-2026-001', period: '2026-Q3' });
 */
export async function reportDepsOf(runtime: Runtime, options: ReportDepsOptions = {}): Promise<ReportWriterDeps> {
  const engine = await runtime.engine();
  if (options.registerLakeViews) await options.registerLakeViews(engine, runtime.stores.lake);
  const catalog = pointerFileCatalog(runtime.stores.lake);
  return {
    engine,
    reports: runtime.stores.reports,
    aggregationRunId: async () => (await catalog.current())?.runId,
    batchFileHashes: opsBatchFileHashes(runtime.ops),
    suppressBelow: runtime.config.suppressBelow,
    hourlyWageCny: runtime.config.hourlyWageCny,
    chromiumPath: runtime.config.chromiumPath,
    pdf: options.pdf,
    log: options.log,
  };
}

/**
 * The registrar of the lake tables for the configured engine: the aggregation's
 * `registerLakeViews` on DuckDB (loaded lazily), none on Athena (Glue knows the tables).
 *
 * @example
 * const deps = await reportDepsOf(runtime, { registerLakeViews: await lakeViewRegistrar(config) });
 */
export async function lakeViewRegistrar(config: Pick<RedvestConfig, 'engine'>): Promise<RegisterLakeViews | undefined> {
  if (config.engine.name === 'athena') return undefined;
  return (await import('../aggregate/lake-views.ts')).registerLakeViews;
}
