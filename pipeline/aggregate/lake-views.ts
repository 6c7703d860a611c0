/**
 * Registers the lake in a DuckDB session under the names Athena uses: every curated version
 * table, the current-version views (`service_records`, `registrations`, `projects`,
 * `contracts`), the current snapshot's aggregate tables and `int_volunteer_month`. This is what
 * `redvest query`, dashboards and reports run their SQL against locally.
 */
import type { BlobStore, QueryEngine } from '../../adapters/ports.ts';
import { AGGREGATE_TABLES, CURATED_TABLES, INTERMEDIATE_TABLES } from '../../schemas/tables.ts';
import { duckDbLakeIo } from './lake-io.ts';
import { pointerFileCatalog, type TableCatalog } from './snapshot.ts';

/** Current-version views: the row with the highest version per key and partition, unless a tombstone. */
const CURRENT_VIEWS: Record<string, { source: string; key: string }> = {
  service_records: { source: 'service_records_versions', key: 'year, month, district, record_id' },
  registrations: { source: 'registrations_versions', key: 'year, month, district, registration_key' },
  projects: { source: 'projects_versions', key: 'project_code' },
  contracts: { source: 'contracts_versions', key: 'contract_id' },
};

/**
 * Creates (or replaces) the views; returns their names. Aggregate tables appear once a run
 * has published a snapshot.
 *
 * @example
 * const engine = await DuckDbEngine.create();
 * await registerLakeViews(engine, runtime.stores.lake);
 * await engine.query('SELECT * FROM agg_participation WHERE district = \'all\'');
 */
export async function registerLakeViews(
  engine: QueryEngine,
  lake: BlobStore,
  catalog: TableCatalog = pointerFileCatalog(lake),
): Promise<string[]> {
  const io = duckDbLakeIo(engine, lake);
  const names: string[] = [];
  const view = async (name: string, select: string) => {
    await engine.execute(`CREATE OR REPLACE VIEW ${name} AS ${select}`);
    names.push(name);
  };
  for (const table of Object.values(CURATED_TABLES)) {
    await view(table.name, `SELECT * FROM ${(await io.curated(table)).relation} AS t`);
  }
  for (const [name, { source, key }] of Object.entries(CURRENT_VIEWS)) {
    await view(
      name,
      `SELECT * EXCLUDE (version_rank) FROM (
        SELECT v.*, row_number() OVER (PARTITION BY ${key} ORDER BY version DESC) AS version_rank FROM ${source} v
      ) t WHERE version_rank = 1 AND NOT tombstone`,
    );
  }
  const snapshot = await catalog.current();
  if (snapshot) {
    for (const [name, prefix] of Object.entries(snapshot.tables)) {
      const table = AGGREGATE_TABLES[name];
      if (table) await view(name, `SELECT * FROM ${(await io.outputs(table, [prefix])).relation} AS t`);
    }
    for (const table of Object.values(INTERMEDIATE_TABLES)) {
      const prefixes = Object.values(snapshot.partitions[table.name] ?? {});
      await view(table.name, `SELECT * FROM ${(await io.outputs(table, prefixes)).relation} AS t`);
    }
  }
  return names;
}
