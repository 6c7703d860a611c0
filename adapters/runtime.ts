/**
 * The runtime: every port wired from one configuration. The CLI, the local runner and
 * the Lambda handlers all start here; only the configuration differs.
 */
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { openBlobStore } from './blob/open-blob-store.ts';
import { createS3Client } from './blob/s3-blob-store.ts';
import type { RedvestConfig } from './config.ts';
import { createDynamoClient } from './ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from './ops/dynamo-ops-store.ts';
import type { BlobStore, OpsStore, QueryEngine } from './ports.ts';
import { type OpenQueryEngineOptions, openQueryEngine } from './query/open-query-engine.ts';

/** The stores of the pipeline, one per area of the data flow. */
export interface RuntimeStores {
  landing: BlobStore;
  lake: BlobStore;
  rejects: BlobStore;
  reports: BlobStore;
  site: BlobStore;
}

export interface Runtime {
  config: RedvestConfig;
  stores: RuntimeStores;
  ops: OpsStore;
  /** The query engine, opened on first use (DuckDB or Athena). */
  engine(): Promise<QueryEngine>;
  /** Closes the engine, the clients and a dynalite this runtime started. */
  close(): Promise<void>;
}

/** Options of {@link openRuntime}. */
export interface OpenRuntimeOptions {
  /**
   * Start dynalite in-process (persisted under `${dataDir}/dynalite`) when the backend is
   * `dynalite` and no endpoint is configured. Default true.
   */
  startLocalDynalite?: boolean;
  /** Static S3 credentials (e.g. s3rver's); default the SDK provider chain. */
  s3Credentials?: AwsCredentialIdentity;
  /** Passed to {@link openQueryEngine} on first use. */
  engine?: OpenQueryEngineOptions;
}

/**
 * Builds the stores, the ops store and a lazy query engine from the configuration.
 *
 * @example
 * const runtime = await openRuntime(loadConfig(process.env, { dataDir: '.redvest' }));
 * try {
 *   await runtime.stores.lake.list('curated/');
 * } finally {
 *   await runtime.close();
 * }
 */
export async function openRuntime(config: RedvestConfig, options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    const usesS3 = Object.values(config.stores).some((url) => url.startsWith('s3://'));
    let s3Client: S3Client | undefined;
    if (usesS3) {
      const client = createS3Client({ region: config.region, endpoint: config.s3Endpoint, credentials: options.s3Credentials });
      s3Client = client;
      cleanups.push(() => client.destroy());
    }
    const store = (url: string) => openBlobStore(url, config, { client: s3Client });
    const stores: RuntimeStores = {
      landing: store(config.stores.landing),
      lake: store(config.stores.lake),
      rejects: store(config.stores.rejects),
      reports: store(config.stores.reports),
      site: store(config.stores.site),
    };

    const local = config.ops.backend === 'dynalite';
    let endpoint = config.ops.endpoint;
    if (local && endpoint === undefined) {
      if (options.startLocalDynalite === false)
        throw new Error('ops backend is dynalite but no endpoint is configured and startLocalDynalite is false');
      const { startDynalite } = await import('./ops/dynalite-server.ts');
      const dynalite = await startDynalite({ path: path.join(config.dataDir, 'dynalite') });
      cleanups.push(() => dynalite.close());
      endpoint = dynalite.endpoint;
    }
    const dynamo = createDynamoClient({ endpoint, region: config.region, local });
    cleanups.push(() => dynamo.destroy());
    if (local) await ensureTable(dynamo, config.ops.tableName);
    const ops = new DynamoOpsStore(dynamo, config.ops.tableName);

    let engine: Promise<QueryEngine> | undefined;
    let closed = false;
    return {
      config,
      stores,
      ops,
      engine() {
        if (closed) return Promise.reject(new Error('runtime is closed'));
        if (!engine) {
          const opened = openQueryEngine(config, options.engine);
          engine = opened;
          cleanups.push(() =>
            opened.then(
              (opened) => opened.close(),
              () => undefined,
            ),
          );
        }
        return engine;
      },
      async close() {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
