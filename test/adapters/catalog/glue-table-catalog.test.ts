import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EntityNotFoundException, GetTableCommand, GlueClient, type Table, UpdateTableCommand } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { glueTableCatalog, MARKER_TABLE, RUN_ID_PARAMETER, snapshotKey } from '../../../adapters/catalog/glue-table-catalog.ts';
import { type AggregateSnapshot, runTablePrefix } from '../../../pipeline/aggregate/snapshot.ts';

const TABLES = ['agg_participation', 'agg_star_levels'];

function snapshotOf(runId: string): AggregateSnapshot {
  return {
    runId,
    completedAt: '2026-11-30T18:00:00.000Z',
    watermark: '2026-11-30T17:00:00.000Z',
    watermarkBatches: ['b-1'],
    historyStart: '2024-01-01',
    asOf: '2026-11-30',
    tables: Object.fromEntries([...TABLES, 'volunteer_profiles'].map((t) => [t, runTablePrefix(runId, t)])),
    partitions: { int_volunteer_month: { '2026-11': `${runTablePrefix(runId, 'int_volunteer_month')}part-0/month=2026-11/` } },
  };
}

function glueTable(name: string, runId: string | undefined, version: string): Table {
  return {
    Name: name,
    DatabaseName: 'redvest',
    Description: `${name} table`,
    TableType: 'EXTERNAL_TABLE',
    VersionId: version,
    PartitionKeys: [],
    Parameters: { classification: 'parquet', ...(runId ? { [RUN_ID_PARAMETER]: runId } : {}) },
    StorageDescriptor: {
      Location: `s3://lake/aggregates/${name}/`,
      Columns: [{ Name: 'period', Type: 'string' }],
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    },
  };
}

describe('glueTableCatalog', () => {
  const glue = mockClient(GlueClient);
  let dir: string;
  let lake: FsBlobStore;
  const catalog = () => glueTableCatalog({ client: new GlueClient({}), database: 'redvest', lake, tables: TABLES });

  beforeEach(async () => {
    glue.reset();
    dir = await mkdtemp(path.join(os.tmpdir(), 'rv-glue-'));
    lake = new FsBlobStore(`file://${dir}/lake`);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has no current snapshot while the marker table names no run, or does not exist', async () => {
    glue.on(GetTableCommand).resolves({ Table: glueTable(MARKER_TABLE, undefined, '1') });
    expect(await catalog().current()).toBeUndefined();
    glue.on(GetTableCommand).rejects(new EntityNotFoundException({ message: 'no such table', $metadata: {} }));
    expect(await catalog().current()).toBeUndefined();
    expect(glue.commandCalls(GetTableCommand)[0]!.args[0].input).toEqual({ DatabaseName: 'redvest', Name: MARKER_TABLE });
  });

  it('publishes: snapshot beside the run, then UpdateTable per table (marker last) with location, run id and VersionId', async () => {
    glue.on(GetTableCommand, { Name: 'agg_participation' }).resolves({ Table: glueTable('agg_participation', 'r0', '7') });
    glue.on(GetTableCommand, { Name: 'agg_star_levels' }).resolves({ Table: glueTable('agg_star_levels', 'r0', '3') });
    glue.on(UpdateTableCommand).resolves({});
    const snapshot = snapshotOf('r1');
    await catalog().publish(snapshot);

    const updates = glue.commandCalls(UpdateTableCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => u.TableInput?.Name)).toEqual(['agg_star_levels', 'agg_participation']);
    expect(updates[1]).toEqual({
      DatabaseName: 'redvest',
      VersionId: '7',
      TableInput: {
        Name: 'agg_participation',
        Description: 'agg_participation table',
        Owner: undefined,
        Retention: undefined,
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [],
        Parameters: { classification: 'parquet', [RUN_ID_PARAMETER]: 'r1' },
        StorageDescriptor: {
          Location: `${lake.locationOf('aggregates/runs/r1/agg_participation')}/`,
          Columns: [{ Name: 'period', Type: 'string' }],
          InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        },
      },
    });
    expect(updates[0]!.VersionId).toBe('3');
    const stored = await lake.getOptional(snapshotKey('r1'));
    expect(JSON.parse(Buffer.from(stored!).toString('utf8'))).toEqual(snapshot);

    // current() follows the marker's run id to the stored snapshot.
    glue.on(GetTableCommand, { Name: 'agg_participation' }).resolves({ Table: glueTable('agg_participation', 'r1', '8') });
    expect(await catalog().current()).toEqual(snapshot);
  });

  it('a failed UpdateTable stops the publish before the marker moves, so current() stays on the previous run', async () => {
    glue.on(GetTableCommand, { Name: 'agg_participation' }).resolves({ Table: glueTable('agg_participation', 'r0', '7') });
    glue.on(GetTableCommand, { Name: 'agg_star_levels' }).resolves({ Table: glueTable('agg_star_levels', 'r0', '3') });
    glue
      .on(UpdateTableCommand, { TableInput: { Name: 'agg_star_levels' } } as never)
      .rejects(Object.assign(new Error('table was modified'), { name: 'ConcurrentModificationException' }));
    const previous = snapshotOf('r0');
    await lake.put(snapshotKey('r0'), JSON.stringify(previous));

    await expect(catalog().publish(snapshotOf('r1'))).rejects.toThrow('table was modified');
    expect(glue.commandCalls(UpdateTableCommand).map((c) => c.args[0].input.TableInput?.Name)).toEqual(['agg_star_levels']);
    expect(await catalog().current()).toEqual(previous);
  });

  it('refuses a snapshot that lacks a table, and a marker naming a run without a snapshot', async () => {
    const partial = snapshotOf('r2');
    delete partial.tables.agg_star_levels;
    glue.on(GetTableCommand).resolves({ Table: glueTable('agg_participation', 'r9', '1') });
    await expect(catalog().publish(partial)).rejects.toThrow('has no table agg_star_levels');
    expect(glue.commandCalls(UpdateTableCommand)).toHaveLength(0);
    await expect(catalog().current()).rejects.toThrow(/names run r9, whose snapshot is missing/);
  });
});
