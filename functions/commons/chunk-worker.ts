/**
 * Worker-thread entry of {@link workerChunkRunner}: builds its own ports from the configuration
 * and runs `processChunk` over the lane groups the coordinator posts. Adapters are imported
 * only when used (the AWS SDK clients alone take a few hundred milliseconds to load, and a
 * worker starts while its batch waits).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RedvestConfig } from '../../adapters/config.ts';
import type { BlobStore, OpsStore } from '../../adapters/ports.ts';
import { RowGroupQueue } from '../../pipeline/ingest/chunk-runner.ts';
import { processChunk } from '../../pipeline/ingest/process-chunk.ts';
import type { ChunkWorkerData, FromWorker, ToWorker } from './worker-chunk-runner.ts';

const data = workerData as ChunkWorkerData;
const port = parentPort!;
const config = data.config;

async function openOps(): Promise<OpsStore> {
  if (data.opsKind === 'memory') return new (await import('./memory-ops-store.ts')).MemoryOpsStore(false);
  const { createDynamoClient } = await import('../../adapters/ops/dynamo-client.ts');
  const { DynamoOpsStore } = await import('../../adapters/ops/dynamo-ops-store.ts');
  const dynamo = createDynamoClient({
    endpoint: data.opsEndpoint ?? config.ops.endpoint,
    region: config.region,
    local: config.ops.backend === 'dynalite',
  });
  return new DynamoOpsStore(dynamo, config.ops.tableName);
}

async function openStore(url: string, settings: RedvestConfig): Promise<BlobStore> {
  if (url.startsWith('file://')) return new (await import('../../adapters/blob/fs-blob-store.ts')).FsBlobStore(url);
  return (await import('../../adapters/blob/open-blob-store.ts')).openBlobStore(url, settings);
}

const deps = {
  ops: await openOps(),
  lake: await openStore(config.stores.lake, config),
  rejects: await openStore(config.stores.rejects, config),
  volunteerKey: Buffer.from(data.volunteerKeyHex, 'hex'),
};
const queue = new RowGroupQueue(2);
const send = (message: FromWorker) => port.postMessage(message);
let pushes: Promise<void> = Promise.resolve();

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    processChunk(deps, message.facts, message.lane, queue).then(
      (result) => send({ type: 'done', result }),
      (error: Error) => send({ type: 'error', name: error.name, message: error.message }),
    );
  } else if (message.type === 'rows') {
    // Pushes are chained so groups keep their order however fast messages arrive.
    const rows = message.rows;
    pushes = pushes.then(() => queue.push(rows)).then(() => send({ type: 'ack' }));
  } else pushes = pushes.then(() => queue.close());
});
