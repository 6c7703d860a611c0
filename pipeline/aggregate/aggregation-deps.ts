/**
 * Wires {@link AggregationDeps} from a runtime: the configured engine, the lake store, the
 * table catalog and the batch manifests. The CLI and the scheduled handler both use it.
 * Configuration decides the catalog: DuckDB publishes through the pointer file in the lake,
 * Athena through Glue (UpdateTable per aggregate table) and reads each run's outputs through
 * per-run Glue tables.
 */
import type { Runtime } from '../../adapters/runtime.ts';
import { opsBatchFactsSource } from './batch-facts.ts';
import { athenaLakeIo, duckDbLakeIo, type LakeIo } from './lake-io.ts';
import type { AggregationDeps } from './run-aggregation.ts';
import { pointerFileCatalog, type TableCatalog } from './snapshot.ts';

/**
 * The job's dependencies in a runtime (`catalog` overrides the configured one).
 *
 * @example
 * const result = await runAggregation(await aggregationDeps(runtime), { full: true });
 */
export async function aggregationDeps(runtime: Runtime, catalog?: TableCatalog): Promise<AggregationDeps> {
  const engine = await runtime.engine();
  const lake = runtime.stores.lake;
  let io: LakeIo;
  let configured: TableCatalog;
  if (runtime.config.engine.name === 'athena') {
    // Loaded only in the cloud: the Glue client never reaches local runs.
    const { glueCatalogsFor } = await import('../../adapters/catalog/glue-catalogs.ts');
    const glue = glueCatalogsFor(runtime.config, lake);
    io = athenaLakeIo(engine, lake, glue.database, glue.runTables);
    configured = glue.catalog;
  } else {
    io = duckDbLakeIo(engine, lake);
    configured = pointerFileCatalog(lake);
  }
  return {
    engine,
    lake,
    io,
    catalog: catalog ?? configured,
    batches: opsBatchFactsSource(runtime.ops),
    ops: runtime.ops,
    config: runtime.config,
  };
}
