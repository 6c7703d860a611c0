/**
 * Upload API function (API Gateway HTTP API v2 behind a JWT authorizer): `POST /batches`,
 * `GET /batches`, `GET /batches/{id}`. Wiring only: the caller comes from the authorizer's
 * claims, the logic is `pipeline/upload`. The local API server calls the handler built by
 * {@link createUploadApiHandler} with local links and verified local-token claims.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AuthError, callerFromClaims } from '../../adapters/auth/caller.ts';
import { loadConfig } from '../../adapters/config.ts';
import { ApiError } from '../../pipeline/upload/api-errors.ts';
import type { UploadApiDeps } from '../../pipeline/upload/batches-api.ts';
import { opsBatchRegistry } from '../../pipeline/upload/ops-batch-registry.ts';
import { type ApiAnswer, errorAnswer, routeApiRequest } from '../../pipeline/upload/route-request.ts';

/** The event the handler receives. */
export type UploadApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type UploadApiResult = APIGatewayProxyStructuredResultV2;

function respond(answer: ApiAnswer): UploadApiResult {
  return {
    statusCode: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(answer.body),
  };
}

function bodyText(event: UploadApiEvent): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Builds the handler over a dependency resolver (cloud: runtime from the environment and
 * presigned S3 links; local: the local server's runtime and links).
 *
 * @example
 * const handle = createUploadApiHandler(async () => deps);
 * const result = await handle(event, context);
 */
export function createUploadApiHandler(
  resolveDeps: (event: UploadApiEvent) => Promise<UploadApiDeps>,
  logger: Logger = new Logger({ serviceName: 'upload-api' }),
) {
  const handle = async (event: UploadApiEvent): Promise<UploadApiResult> => {
    let caller: ReturnType<typeof callerFromClaims>;
    try {
      caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims ?? {});
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      logger.warn('caller refused', { reason: error.reason });
      return respond(errorAnswer(new ApiError('UNAUTHORIZED', error.message)));
    }
    logger.appendKeys({ district: caller.district });
    try {
      const deps = await resolveDeps(event);
      const answer = await routeApiRequest(deps, {
        method: event.requestContext.http.method,
        path: event.rawPath,
        query: event.queryStringParameters ?? {},
        body: bodyText(event),
        caller,
      });
      logger.info('answered', { route: `${event.requestContext.http.method} ${event.rawPath}`, status: answer.status });
      return respond(answer);
    } catch (error) {
      logger.error('upload API failed', { error: error as Error });
      return respond(errorAnswer(new ApiError('INTERNAL_ERROR')));
    } finally {
      logger.removeKeys(['district']);
    }
  };
  return middy<UploadApiEvent, UploadApiResult, Error, Context>(handle).use(injectLambdaContext(logger));
}

let cloudDeps: Promise<UploadApiDeps> | undefined;

/** Dependencies in the cloud: configuration from the environment, read on first invocation. */
function resolveCloudDeps(): Promise<UploadApiDeps> {
  cloudDeps ??= (async () => {
    const config = loadConfig();
    const [{ openRuntime }, { s3UploadLinks }] = await Promise.all([
      import('../../adapters/runtime.ts'),
      import('./s3-upload-links.ts'),
    ]);
    const runtime = await openRuntime(config, { startLocalDynalite: false });
    return {
      batches: opsBatchRegistry(runtime.ops),
      links: s3UploadLinks(runtime.stores.landing, runtime.stores.rejects),
      limits: config.limits,
    };
  })().catch((error: unknown) => {
    cloudDeps = undefined;
    throw error;
  });
  return cloudDeps;
}

/** The Lambda entry point. */
export const handler = createUploadApiHandler(resolveCloudDeps);
