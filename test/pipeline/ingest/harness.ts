/**
 * Test harness for ingest: real dynalite (in-memory), filesystem stores in a temp folder and
 * a fixed volunteer key. Every store and item can be scanned afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { LOCAL_DYNAMO_CREDENTIALS } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../../../adapters/ops/dynamo-ops-store.ts';
import type { BlobStore, OpsStore } from '../../../adapters/ports.ts';
import type { IngestDeps } from '../../../pipeline/ingest/ingest-batch.ts';
import { landingKey } from '../../../pipeline/ingest/landing-key.ts';
import type { DatasetName } from '../../../schemas/dataset.ts';

export interface Harness {
  dir: string;
  db: RunningDynalite;
  ops: DynamoOpsStore;
  stores: { landing: BlobStore; lake: BlobStore; rejects: BlobStore };
  key: Buffer;
  client: DynamoDBClient;
  deps(overrides?: Partial<IngestDeps>): IngestDeps;
  /** Puts a file into landing and returns its key. */
  land(dataset: DatasetName, district: string, batchId: string, fileName: string, body: Uint8Array | string): Promise<string>;
  close(): Promise<void>;
}

let tableCounter = 0;

export interface HarnessOptions {
  today?: string;
  chunkRows?: number;
  db?: RunningDynalite;
  /** Fixed volunteer key (compare runs); default random. */
  key?: Buffer;
  /** Changes the DynamoDB client (fault injection) before the table is used. */
  decorateClient?: (client: DynamoDBClient) => void;
  /** SDK attempts per call with short backoff (the SDK's own retry of throttling). Default: the SDK's standard strategy. */
  maxAttempts?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-ingest-test-'));
  const db = options.db ?? (await startDynalite());
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'local',
    credentials: LOCAL_DYNAMO_CREDENTIALS,
    ...(options.maxAttempts !== undefined
      ? { retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts, (attempt) => Math.min(50, 2 ** attempt)) }
      : {}),
  });
  const tableName = `ops-${process.pid}-${tableCounter++}`;
  await ensureTable(client, tableName);
  options.decorateClient?.(client);
  const ops = new DynamoOpsStore(client, tableName, { baseDelayMs: 5, maxDelayMs: 50 });
  const stores = {
    landing: new FsBlobStore(fileUrl(path.join(dir, 'landing'))),
    lake: new FsBlobStore(fileUrl(path.join(dir, 'lake'))),
    rejects: new FsBlobStore(fileUrl(path.join(dir, 'rejects'))),
  };
  const key = options.key ?? randomBytes(32);
  const harness: Harness = {
    dir,
    db,
    ops,
    stores,
    key,
    client,
    deps: (overrides = {}) => ({
      settings: {
        limits: {
          maxFileBytes: 5 * 1024 * 1024,
          maxRows: 10_000,
          maxXlsxInflatedBytes: 50 * 1024 * 1024,
          chunkRows: options.chunkRows ?? 250_000,
        },
        today: options.today ?? '2026-11-01',
      },
      ...stores,
      ops,
      volunteerKey: key,
      tmpDir: dir,
      ...overrides,
    }),
    async land(dataset, district, batchId, fileName, body) {
      const k = landingKey({ dataset, district, batchId, fileName });
      await stores.landing.put(k, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
      return k;
    },
    async close() {
      client.destroy();
      if (!options.db) await db.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Every item of the ops table (a scan, for assertions). */
export async function scanAll(h: Harness): Promise<Record<string, unknown>[]> {
  const { ScanCommand, DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const doc = DynamoDBDocumentClient.from(h.client);
  const ops = h.ops;
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: ops.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every file under a folder, as relative path → bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  async function walk(d: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(path.relative(dir, p), await fs.readFile(p));
    }
  }
  await walk(dir);
  return out;
}

export type { OpsStore };
