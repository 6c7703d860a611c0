/**
 * Wires {@link AggregationDeps} from a runtime: the configured engine, the lake store, the
 * pointer catalog and the batch manifests. The CLI and the scheduled handler both use it.
 */
import type { Runtime } from '../../adapters/runtime.ts';
import { opsBatchFactsSource } from './batch-facts.ts';
import { athenaLakeIo, duckDbLakeIo } from './lake-io.ts';
import type { AggregationDeps } from './run-aggregation.ts';
import { pointerFileCatalog, type TableCatalog } from './snapshot.ts';

/**
 * The job's dependencies in a runtime (cloud deployments pass a Glue-backed catalog).
 *
 * @example
 * const result = await runAggregation(await aggregationDeps(runtime), { full: true });
 */
export async function aggregationDeps(runtime: Runtime, catalog?: TableCatalog): Promise<AggregationDeps> {
  const engine = await runtime.engine();
  const lake = runtime.stores.lake;
  const io =
    engine.name === 'duckdb' ? duckDbLakeIo(engine, lake) : athenaLakeIo(engine, lake, runtime.config.engine.athena.database);
  return {
    engine,
    lake,
    io,
    catalog: catalog ?? pointerFileCatalog(lake),
    batches: opsBatchFactsSource(runtime.ops),
    ops: runtime.ops,
    config: runtime.config,
  };
}
