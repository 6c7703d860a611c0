/**
 * The Glue side of an Athena aggregation run, built from configuration: the catalog that
 * publishes a run (UpdateTable per aggregate table) and the registry of per-run intermediate
 * tables. Kept here so domain code never touches the AWS SDK.
 */
import { GlueClient } from '@aws-sdk/client-glue';
import type { RunTableRegistry } from '../../pipeline/aggregate/lake-io.ts';
import type { TableCatalog } from '../../pipeline/aggregate/snapshot.ts';
import type { RedvestConfig } from '../config.ts';
import type { BlobStore } from '../ports.ts';
import { glueRunTables } from './glue-run-tables.ts';
import { glueTableCatalog } from './glue-table-catalog.ts';

/** What an Athena run needs from Glue. */
export interface GlueCatalogs {
  database: string;
  catalog: TableCatalog;
  runTables: RunTableRegistry;
}

/**
 * Glue catalog and run-table registry for the configured database and region.
 *
 * @example
 * const { catalog, runTables } = glueCatalogsFor(config, runtime.stores.lake);
 */
export function glueCatalogsFor(config: Pick<RedvestConfig, 'engine' | 'region'>, lake: BlobStore): GlueCatalogs {
  const database = config.engine.athena.database;
  const client = new GlueClient({ region: config.region });
  return { database, catalog: glueTableCatalog({ client, database, lake }), runTables: glueRunTables(client, database) };
}
