import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { loadConfig } from '../../../adapters/config.ts';
import type { OpsStore, QueryEngine } from '../../../adapters/ports.ts';
import type { Runtime } from '../../../adapters/runtime.ts';
import { aggregationDeps } from '../../../pipeline/aggregate/aggregation-deps.ts';

describe('aggregationDeps', () => {
  let dir: string;
  const glue = mockClient(GlueClient);
  const engine: QueryEngine = {
    name: 'athena',
    query: async () => [],
    execute: async () => undefined,
    close: async () => undefined,
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redvest-agg-deps-'));
  });
  afterAll(async () => {
    glue.restore();
    await rm(dir, { recursive: true, force: true });
  });

  function runtimeWith(engineName: 'athena' | 'duckdb'): Runtime {
    const config = loadConfig(
      {},
      { dataDir: dir, region: 'cn-north-1', engine: { name: engineName, athena: { workgroup: 'wg', database: 'redvest_db' } } },
    );
    const lake = new FsBlobStore(`file://${path.join(dir, 'lake')}`);
    return {
      config,
      stores: { lake },
      ops: {} as OpsStore,
      engine: async () => engine,
      close: async () => undefined,
    } as unknown as Runtime;
  }

  it('publishes through Glue when the configured engine is Athena', async () => {
    glue.reset();
    glue.on(GetTableCommand).resolves({ Table: { Name: 'agg_participation', Parameters: { redvest_run_id: 'run-7' } } });
    const deps = await aggregationDeps(runtimeWith('athena'));
    // Glue names run-7 as current; this empty lake has no snapshot for it.
    await expect(deps.catalog.current()).rejects.toThrow(
      /redvest_db\.agg_participation names run run-7, whose snapshot is missing/,
    );
    expect(glue.commandCalls(GetTableCommand).map((c) => c.args[0].input)).toContainEqual(
      expect.objectContaining({ DatabaseName: 'redvest_db', Name: 'agg_participation' }),
    );
  });

  it('publishes through the pointer file in the lake with DuckDB, and never calls Glue', async () => {
    glue.reset();
    const deps = await aggregationDeps(runtimeWith('duckdb'));
    expect(await deps.catalog.current()).toBeUndefined();
    expect(glue.commandCalls(GetTableCommand)).toHaveLength(0);
  });
});
