/**
 * The aggregate snapshot in the Glue Data Catalog: publishing switches each aggregate table's
 * location to the run's prefix (UpdateTable, guarded by the table's VersionId) and records the
 * run id in the table's Parameters; the snapshot itself (watermark, intermediate partitions) is
 * written beside the run's outputs first. The marker table is switched last, so `current()`
 * (which reads the marker's run id) only ever names a run whose every table was switched.
 */
import { EntityNotFoundException, GetTableCommand, type GlueClient, UpdateTableCommand } from '@aws-sdk/client-glue';
import type { AggregateSnapshot, TableCatalog } from '../../pipeline/aggregate/snapshot.ts';
import { RUNS_PREFIX } from '../../pipeline/aggregate/snapshot.ts';
import { AGGREGATE_TABLES } from '../../schemas/tables.ts';
import type { BlobStore } from '../ports.ts';
import { tableInputAt } from './glue-table-input.ts';

/** The Glue table parameter holding the run a table shows. */
export const RUN_ID_PARAMETER = 'redvest_run_id';
/** The table whose run id is the current snapshot (switched last). */
export const MARKER_TABLE = 'agg_participation';

/** Options of {@link glueTableCatalog}. */
export interface GlueTableCatalogOptions {
  client: GlueClient;
  database: string;
  /** The lake store (snapshot files and the locations of run prefixes). */
  lake: BlobStore;
  /** Glue tables switched on publish; default every aggregate table. */
  tables?: readonly string[];
}

/** Key of a run's snapshot file in the lake store. */
export function snapshotKey(runId: string): string {
  return `${RUNS_PREFIX}/${runId}/snapshot.json`;
}

/**
 * A TableCatalog over Glue.
 *
 * @example
 * const catalog = glueTableCatalog({ client: new GlueClient({}), database: 'redvest', lake });
 * await catalog.publish(snapshot); // UpdateTable per aggregate table, agg_participation last
 */
export function glueTableCatalog(options: GlueTableCatalogOptions): TableCatalog {
  const { client, database, lake } = options;
  const names = options.tables ?? Object.keys(AGGREGATE_TABLES);
  const ordered = [...names.filter((n) => n !== MARKER_TABLE), ...names.filter((n) => n === MARKER_TABLE)];
  return {
    async current() {
      let runId: string | undefined;
      try {
        const { Table } = await client.send(new GetTableCommand({ DatabaseName: database, Name: MARKER_TABLE }));
        runId = Table?.Parameters?.[RUN_ID_PARAMETER];
      } catch (error) {
        if (error instanceof EntityNotFoundException) return undefined;
        throw error;
      }
      if (!runId) return undefined;
      const body = await lake.getOptional(snapshotKey(runId));
      if (body === undefined)
        throw new Error(`Glue table ${database}.${MARKER_TABLE} names run ${runId}, whose snapshot is missing`);
      return JSON.parse(Buffer.from(body).toString('utf8')) as AggregateSnapshot;
    },
    async publish(snapshot) {
      await lake.put(snapshotKey(snapshot.runId), `${JSON.stringify(snapshot, null, 2)}\n`, 'application/json');
      for (const name of ordered) {
        const prefix = snapshot.tables[name];
        if (prefix === undefined) throw new Error(`snapshot ${snapshot.runId} has no table ${name}`);
        const { Table } = await client.send(new GetTableCommand({ DatabaseName: database, Name: name }));
        if (!Table) throw new Error(`Glue table ${database}.${name} not found`);
        const location = `${lake.locationOf(prefix.replace(/\/$/, ''))}/`;
        await client.send(
          new UpdateTableCommand({
            DatabaseName: database,
            TableInput: tableInputAt(Table, location, { [RUN_ID_PARAMETER]: snapshot.runId }),
            VersionId: Table.VersionId,
          }),
        );
      }
    },
  };
}
