/**
 * Ingest-chunk function: one SQS message per chunk of a large batch (sent by the ingest
 * function). Runs the chunk and, when it is the batch's last, completes the batch. Failed
 * messages are reported as batch item failures and redelivered (a chunk is safe to repeat).
 * Wiring only: the logic is `pipeline/ingest/run-queued-chunk.ts`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../../adapters/config.ts';
import type { ChunkTask } from '../../pipeline/ingest/chunk-runner.ts';
import type { IngestDeps } from '../../pipeline/ingest/ingest-batch.ts';

/**
 * Builds the handler over a dependency resolver.
 *
 * @example
 * const handle = createIngestChunkHandler(async () => deps);
 */
export function createIngestChunkHandler(
  resolveDeps: () => Promise<IngestDeps>,
  logger: Logger = new Logger({ serviceName: 'ingest-chunk' }),
  metrics: Metrics = new Metrics({ namespace: 'Redvest', serviceName: 'ingest-chunk' }),
) {
  const handle = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await resolveDeps();
    const { runQueuedChunk } = await import('../../pipeline/ingest/run-queued-chunk.ts');
    const response: SQSBatchResponse = { batchItemFailures: [] };
    for (const record of event.Records) {
      try {
        const task = JSON.parse(record.body) as ChunkTask;
        const outcome = await runQueuedChunk(deps, task);
        logger.info('chunk done', { batch_id: task.facts.batchId, chunk: task.chunk, completed: outcome?.status ?? null });
        metrics.addMetric('ChunksDone', MetricUnit.Count, 1);
      } catch (error) {
        logger.error('chunk failed; it will be retried', { messageId: record.messageId, error: (error as Error).name });
        response.batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return response;
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(handle).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}

let cloudDeps: Promise<IngestDeps> | undefined;

function resolveCloudDeps(): Promise<IngestDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const { openRuntime } = await import('../../adapters/runtime.ts');
    const { ingestDepsOf } = await import('../commons/ingest-deps.ts');
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    return ingestDepsOf(runtime);
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createIngestChunkHandler(resolveCloudDeps);
