/**
 * Ingest function: SQS messages wrapping S3 ObjectCreated notifications of landing/ (or an S3
 * notification itself, as the local runner and `redvest ingest` send). Each object is one
 * batch handed to `ingestBatch`; a message whose batch hits an internal error is reported as
 * a batch item failure, so SQS redelivers only it (and finally moves it to the DLQ). Wiring
 * only: the logic is `pipeline/ingest`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, S3Event, SQSBatchItemFailure, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../../adapters/config.ts';
import type { BatchOutcome } from '../../pipeline/ingest/batch-outcome.ts';
import type { IngestDeps } from '../../pipeline/ingest/ingest-batch.ts';
import { isSqsEvent, type LandingObject, landingObjectsOfMessage, landingObjectsOfS3Event } from '../commons/s3-event-keys.ts';

/** What the handler returns: SQS partial-batch failures, plus every outcome (for local callers). */
export interface IngestHandlerResult {
  batchItemFailures: SQSBatchItemFailure[];
  outcomes: BatchOutcome[];
}

/**
 * Builds the handler over a dependency resolver (cloud: the runtime from the environment;
 * the CLI and tests: their own).
 *
 * @example
 * const handle = createIngestHandler(async () => deps);
 * const { outcomes } = await handle(s3ObjectCreatedEvent('landing', key, size), context);
 */
export function createIngestHandler(
  resolveDeps: () => Promise<IngestDeps>,
  logger: Logger = new Logger({ serviceName: 'ingest' }),
  metrics: Metrics = new Metrics({ namespace: 'Redvest', serviceName: 'ingest' }),
) {
  const handle = async (event: SQSEvent | S3Event): Promise<IngestHandlerResult> => {
    const deps = await resolveDeps();
    const { ingestBatch } = await import('../../pipeline/ingest/ingest-batch.ts');
    const result: IngestHandlerResult = { batchItemFailures: [], outcomes: [] };
    const objects: LandingObject[] = [];
    if (isSqsEvent(event)) {
      for (const record of event.Records) {
        try {
          objects.push(...landingObjectsOfMessage(record));
        } catch {
          logger.error('message is not an S3 notification', { messageId: record.messageId });
        }
      }
    } else objects.push(...landingObjectsOfS3Event(event));

    const failed = new Set<string>();
    for (const object of objects) {
      if (object.messageId && failed.has(object.messageId)) continue;
      try {
        const log: IngestDeps['log'] = deps.log ?? {
          info: (message, extra) => logger.info(message, extra ?? {}),
          warn: (message, extra) => logger.warn(message, extra ?? {}),
        };
        const outcome = await ingestBatch({ ...deps, log }, { key: object.key, receivedAt: object.eventTime });
        result.outcomes.push(outcome);
        logger.info('batch outcome', {
          batch_id: outcome.batch_id,
          dataset: outcome.dataset,
          district: outcome.district,
          status: outcome.status,
          received: outcome.received,
          accepted: outcome.accepted,
          rejected: outcome.rejected,
          failure: outcome.failure?.code,
        });
        metrics.addMetric(`Batches${outcome.status}`, MetricUnit.Count, 1);
        metrics.addMetric('RowsAccepted', MetricUnit.Count, outcome.accepted);
        metrics.addMetric('RowsRejected', MetricUnit.Count, outcome.rejected);
      } catch (error) {
        // Names and codes only: an error message must never carry cell values into the logs.
        logger.error('batch stopped by an internal error; it will be retried', {
          key: object.key,
          error: (error as Error).name,
        });
        metrics.addMetric('BatchErrors', MetricUnit.Count, 1);
        if (object.messageId) {
          failed.add(object.messageId);
          result.batchItemFailures.push({ itemIdentifier: object.messageId });
        } else throw error;
      }
    }
    return result;
  };
  return middy<SQSEvent | S3Event, IngestHandlerResult, Error, Context>(handle)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}

let cloudDeps: Promise<IngestDeps> | undefined;

/** Dependencies in the cloud: configuration from the environment, read on first invocation. */
function resolveCloudDeps(): Promise<IngestDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const { openRuntime } = await import('../../adapters/runtime.ts');
    const { ingestDepsOf } = await import('../commons/ingest-deps.ts');
    const { cloudChunkRunner } = await import('../commons/sqs-chunk-runner.ts');
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    return ingestDepsOf(runtime, { chunkRunner: cloudChunkRunner(config) });
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createIngestHandler(resolveCloudDeps);
