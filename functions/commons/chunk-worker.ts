/**
 * Worker-thread entry of {@link workerChunkRunner}: builds its own ports from the configuration
 * and runs `processChunk` over the row groups the coordinator posts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openBlobStore } from '../../adapters/blob/open-blob-store.ts';
import { createDynamoClient } from '../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore } from '../../adapters/ops/dynamo-ops-store.ts';
import { RowGroupQueue } from '../../pipeline/ingest/chunk-runner.ts';
import { processChunk } from '../../pipeline/ingest/process-chunk.ts';
import { MemoryOpsStore } from './memory-ops-store.ts';
import type { ChunkWorkerData, FromWorker, ToWorker } from './worker-chunk-runner.ts';

const data = workerData as ChunkWorkerData;
const port = parentPort!;
const config = data.config;
const dynamo = createDynamoClient({
  endpoint: data.opsEndpoint ?? config.ops.endpoint,
  region: config.region,
  local: config.ops.backend === 'dynalite',
});
const deps = {
  ops: data.opsKind === 'memory' ? new MemoryOpsStore(false) : new DynamoOpsStore(dynamo, config.ops.tableName),
  lake: openBlobStore(config.stores.lake, config),
  rejects: openBlobStore(config.stores.rejects, config),
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
