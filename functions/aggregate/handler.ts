/**
 * Aggregation function: invoked by the nightly EventBridge schedule (Asia/Shanghai) or on
 * demand with `{ "full": true }`. Wiring only: the logic is `pipeline/aggregate`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { loadConfig } from '../../adapters/config.ts';
import type { AggregationDeps, AggregationResult } from '../../pipeline/aggregate/run-aggregation.ts';
import { runAggregation } from '../../pipeline/aggregate/run-aggregation.ts';

/** The event: the schedule sends `{}`; operators may send `{ "full": true }`. */
export interface AggregateEvent {
  full?: boolean;
}

/**
 * Builds the handler over a dependency resolver (cloud: runtime from the environment; tests
 * and the CLI: their own).
 *
 * @example
 * const handle = createAggregateHandler(async () => deps);
 * await handle({ full: false }, context); // { status: 'published', … }
 */
export function createAggregateHandler(
  resolveDeps: () => Promise<AggregationDeps>,
  logger: Logger = new Logger({ serviceName: 'aggregate' }),
  metrics: Metrics = new Metrics({ namespace: 'Redvest', serviceName: 'aggregate' }),
) {
  const handle = async (event: AggregateEvent | undefined): Promise<AggregationResult> => {
    const deps = await resolveDeps();
    const result = await runAggregation(deps, { full: event?.full === true });
    logger.info('aggregation finished', {
      status: result.status,
      runId: result.runId,
      full: result.full,
      newBatches: result.newBatches,
      recomputedMonths: result.recomputedMonths,
      rows: result.rows,
      profilesWritten: result.profilesWritten,
      seconds: result.seconds,
    });
    metrics.addMetric('AggregationSeconds', MetricUnit.Seconds, result.seconds);
    metrics.addMetric('ProfilesWritten', MetricUnit.Count, result.profilesWritten);
    if (Number.isFinite(result.curatedBytesRead))
      metrics.addMetric('CuratedBytesRead', MetricUnit.Bytes, result.curatedBytesRead);
    return result;
  };
  return middy<AggregateEvent | undefined, AggregationResult, Error, Context>(handle)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}

let cloudDeps: Promise<AggregationDeps> | undefined;

/** Dependencies in the cloud: configuration from the environment, read on first invocation. */
function resolveCloudDeps(): Promise<AggregationDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const { openRuntime } = await import('../../adapters/runtime.ts');
    const { aggregationDeps } = await import('../../pipeline/aggregate/aggregation-deps.ts');
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    return aggregationDeps(runtime);
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createAggregateHandler(resolveCloudDeps);
