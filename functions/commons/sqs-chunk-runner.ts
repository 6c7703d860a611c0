/**
 * Cloud fan-out of a large batch: one SQS message per chunk, consumed by the ingest-chunk
 * function. Messages carry the chunk's row range and the batch facts (no row data: each
 * consumer reads its range from the upload in landing).
 */
import type { RedvestConfig } from '../../adapters/config.ts';
import type { ChunkTask, QueueChunkRunner } from '../../pipeline/ingest/chunk-runner.ts';

/**
 * A queue runner sending chunk tasks to `queueUrl` with SendMessageBatch (10 per request).
 *
 * @example
 * const runner = sqsChunkRunner('https://sqs.…/redvest-chunks', 'cn-north-1');
 */
export function sqsChunkRunner(queueUrl: string, region?: string): QueueChunkRunner {
  return {
    kind: 'queue',
    async dispatch(tasks: ChunkTask[]) {
      const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
      const client = new SQSClient({ region });
      try {
        for (let i = 0; i < tasks.length; i += 10) {
          const entries = tasks.slice(i, i + 10).map((task) => ({ Id: `c${task.chunk}`, MessageBody: JSON.stringify(task) }));
          const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          if ((out.Failed ?? []).length > 0)
            throw new Error(`SQS refused ${out.Failed!.length} chunk messages: ${out.Failed!.map((f) => f.Code).join(', ')}`);
        }
      } finally {
        client.destroy();
      }
    },
  };
}

/**
 * The chunk runner of the cloud ingest function: SQS when a chunk queue is configured, else
 * undefined (chunks then run in-process).
 *
 * @example
 * const runner = cloudChunkRunner(loadConfig());
 */
export function cloudChunkRunner(config: Pick<RedvestConfig, 'chunkQueueUrl' | 'region'>): QueueChunkRunner | undefined {
  return config.chunkQueueUrl ? sqsChunkRunner(config.chunkQueueUrl, config.region) : undefined;
}
