/**
 * The `$default` stage every Redvest HTTP API uses: auto-deployed, throttled, with JSON access
 * logs (request id, route, status, source IP, error, plus fields an API adds) in a log group
 * of its own.
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type HttpApi, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface LoggedStageProps {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Burst requests. */
  burstLimit: number;
  /** Access-log retention. Default one month. */
  logRetention?: RetentionDays;
  /** Access-log fields beyond the common ones (name → `$context` variable). */
  extraFields?: Record<string, string>;
}

/**
 * Adds the `$default` stage with throttling and access logs to `api` (created with
 * `createDefaultStage: false`); the log group is `AccessLogs` under `scope`.
 *
 * @example
 * const stage = addLoggedStage(this, api, { rateLimit: 20, burstLimit: 40, extraFields: { latency: '$context.responseLatency' } });
 */
export function addLoggedStage(scope: Construct, api: HttpApi, props: LoggedStageProps): HttpStage {
  const accessLogs = new LogGroup(scope, 'AccessLogs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
  return api.addStage('DefaultStage', {
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          routeKey: '$context.routeKey',
          status: '$context.status',
          ip: '$context.identity.sourceIp',
          error: '$context.error.message',
          ...props.extraFields,
        }),
      ),
    },
  });
}
