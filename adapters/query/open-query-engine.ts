/**
 * Chooses the QueryEngine adapter named in the configuration.
 */
import type { RedvestConfig } from '../config.ts';
import type { QueryEngine } from '../ports.ts';

/** Options of {@link openQueryEngine}. */
export interface OpenQueryEngineOptions {
  /** Athena idempotency scope (see `AthenaEngineOptions.runId`). */
  runId?: string;
  /** DuckDB database file; default in memory. */
  duckdbPath?: string;
}

/**
 * Opens DuckDB or Athena per `config.engine.name`. Each adapter is loaded with a dynamic
 * `import()`, so a Lambda bundle never carries DuckDB's native binding.
 *
 * @example
 * const engine = await openQueryEngine(config, { runId: 'agg-20261101' });
 * try { await engine.query('SELECT 1 AS one'); } finally { await engine.close(); }
 */
export async function openQueryEngine(
  config: Pick<RedvestConfig, 'engine' | 'region'>,
  options: OpenQueryEngineOptions = {},
): Promise<QueryEngine> {
  switch (config.engine.name) {
    case 'duckdb': {
      const { DuckDbEngine } = await import('./duckdb-engine.ts');
      return DuckDbEngine.create({ path: options.duckdbPath });
    }
    case 'athena': {
      const { AthenaEngine } = await import('./athena-engine.ts');
      const { workgroup, database, outputLocation } = config.engine.athena;
      return new AthenaEngine({ workgroup, database, outputLocation, region: config.region, runId: options.runId });
    }
    default:
      throw new Error(`unknown query engine "${String(config.engine.name)}"`);
  }
}
