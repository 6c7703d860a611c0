/**
 * The local upload API: a `node:http` request handler that plays API Gateway (HTTP API v2 with
 * a JWT authorizer) in front of the same upload-api handler as the cloud, plus the two parts S3
 * plays in the cloud — taking the PUT of a batch's file into the landing store (then notifying
 * ingest with an S3-shaped ObjectCreated event) and serving error reports. `redvest serve`
 * mounts it under `/api`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { Context } from 'aws-lambda';
import { AuthError } from '../adapters/auth/caller.ts';
import { authenticateLocalBearer } from '../adapters/auth/local-token.ts';
import { BlobNotFoundError } from '../adapters/ports.ts';
import type { Runtime } from '../adapters/runtime.ts';
import { createUploadApiHandler, type UploadApiEvent } from '../functions/upload-api/handler.ts';
import { landingKey } from '../pipeline/ingest/landing-key.ts';
import { ApiError } from '../pipeline/upload/api-errors.ts';
import type { UploadApiDeps } from '../pipeline/upload/batches-api.ts';
import { isValidLinkSignature, localUploadLinks } from '../pipeline/upload/local-upload-links.ts';
import { opsBatchRegistry } from '../pipeline/upload/ops-batch-registry.ts';
import {
  createLocalS3EventRunner,
  ingestDeliveryOver,
  type LocalS3EventRunner,
  type S3EventDelivery,
} from './local-s3-event-runner.ts';

/** Mount point of the API on the local server. */
export const API_PREFIX = '/api';

export interface LocalApiOptions {
  /** Token and link signing key; default `loadTokenKey(runtime.config)`. */
  tokenKey?: Uint8Array;
  /** Hands an S3 event to ingest; default {@link ingestDeliveryOver} this runtime. */
  deliverToIngest?: S3EventDelivery;
  /** Where failures of background work go; default stderr. */
  log?: (message: string) => void;
}

/** The request handler, with a way to wait for background ingest runs. */
export type ApiRequestHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) & {
  /** Resolves when every triggered ingest run has finished. */
  idle(): Promise<void>;
};

class TooLargeError extends Error {}

/** Counts bytes through a stream and fails past a limit. */
function byteLimit(limit: number, onBytes: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      onBytes(seen);
      if (seen > limit) callback(new TooLargeError(`over ${limit} bytes`));
      else callback(null, chunk);
    },
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError('BAD_REQUEST', 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function lambdaContext(requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'upload-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:upload-api',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The API Gateway HTTP API v2 event of a request, with the verified claims as the JWT authorizer passes them. */
function apiGatewayEvent(
  req: IncomingMessage,
  url: URL,
  body: string,
  claims: Record<string, unknown>,
  requestId: string,
): UploadApiEvent {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query = Object.fromEntries(url.searchParams.entries());
  const now = new Date();
  const jwtClaims: Record<string, string | number | boolean | string[]> = {};
  for (const [name, value] of Object.entries(claims))
    if (['string', 'number', 'boolean'].includes(typeof value)) jwtClaims[name] = value as string | number | boolean;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    body: body === '' ? undefined : body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: jwtClaims, scopes: [] } },
    },
  };
}

function decodeReportKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new ApiError('UPLOAD_LINK_INVALID');
  }
}

/**
 * Builds the `/api/*` request handler over a runtime. Returns `false` for other paths so the
 * caller (the dashboard server) can serve them.
 *
 * @example
 * const api = createApiRequestHandler(runtime);
 * http.createServer(async (req, res) => {
 *   if (!(await api(req, res))) serveSite(req, res);
 * });
 */
export function createApiRequestHandler(runtime: Runtime, options: LocalApiOptions = {}): ApiRequestHandler {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  let tokenKeyLoaded: Promise<Uint8Array> | undefined;
  const loadKey = (): Promise<Uint8Array> => {
    tokenKeyLoaded ??= options.tokenKey
      ? Promise.resolve(options.tokenKey)
      : import('../adapters/secrets/volunteer-key.ts').then(({ loadTokenKey }) => loadTokenKey(runtime.config));
    return tokenKeyLoaded;
  };
  const batches = opsBatchRegistry(runtime.ops);
  let delivery: Promise<S3EventDelivery> | undefined;
  const runner: LocalS3EventRunner = createLocalS3EventRunner(
    async (event) => {
      delivery ??= Promise.resolve(options.deliverToIngest ?? ingestDeliveryOver(runtime));
      return (await delivery)(event);
    },
    (error) => log(`redvest: ingest of an upload failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  const depsFor = async (baseUrl: string): Promise<UploadApiDeps> => ({
    batches,
    links: localUploadLinks(baseUrl, await loadKey()),
    limits: runtime.config.limits,
  });
  const apiHandler = createUploadApiHandler(async (event) => depsFor(`http://${event.requestContext.domainName}${API_PREFIX}`));

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL, batchId: string): Promise<void> {
    const tokenKey = await loadKey();
    if (!isValidLinkSignature(tokenKey, 'upload', batchId, url.searchParams.get('expires'), url.searchParams.get('signature')))
      throw new ApiError('UPLOAD_LINK_INVALID');
    const batch = await batches.get(batchId);
    if (batch === undefined) throw new ApiError('BATCH_NOT_FOUND');
    const key = landingKey({ dataset: batch.dataset, district: batch.district, batchId, fileName: batch.file_name });
    if (batch.status !== 'RECEIVED' || (await runtime.stores.landing.exists(key))) throw new ApiError('UPLOAD_ALREADY_RECEIVED');
    const limit = runtime.config.limits.maxFileBytes;
    if (Number(req.headers['content-length'] ?? 0) > limit) throw new ApiError('FILE_TOO_LARGE', `limit ${limit} bytes`);
    let size = 0;
    try {
      await runtime.stores.landing.putStream(
        key,
        req.pipe(
          byteLimit(limit, (n) => {
            size = n;
          }),
        ),
        'application/octet-stream',
      );
    } catch (error) {
      await runtime.stores.landing.delete(key).catch(() => undefined);
      if (error instanceof TooLargeError) throw new ApiError('FILE_TOO_LARGE', `limit ${limit} bytes`);
      throw error;
    }
    runner.notify({ bucket: 'landing', key, size });
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  }

  async function sendReport(res: ServerResponse, url: URL, reportKey: string): Promise<void> {
    const tokenKey = await loadKey();
    if (!isValidLinkSignature(tokenKey, 'report', reportKey, url.searchParams.get('expires'), url.searchParams.get('signature')))
      throw new ApiError('UPLOAD_LINK_INVALID');
    let body: Uint8Array;
    try {
      body = await runtime.stores.rejects.get(reportKey);
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw new ApiError('BATCH_NOT_FOUND', 'no error report');
      throw error;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="errors.csv"',
      'content-length': String(body.length),
    });
    res.end(body);
  }

  async function callHandler(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let claims: Record<string, unknown>;
    try {
      ({ claims } = await authenticateLocalBearer(await loadKey(), req.headers.authorization));
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw new ApiError(error.reason === 'expired' ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED');
    }
    const body = await readBody(req, 64 * 1024);
    const requestId = randomUUID();
    const result = await apiHandler(apiGatewayEvent(req, url, body, claims, requestId), lambdaContext(requestId));
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
    res.end(result.body ?? '');
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    const path = url.pathname.slice(API_PREFIX.length);
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const upload = /^\/uploads\/([A-Za-z0-9_-]{1,80})$/.exec(path);
      const report = /^\/reports\/(.+)$/.exec(path);
      if (upload?.[1] && method === 'PUT') await receiveUpload(req, res, url, upload[1]);
      else if (report?.[1] && method === 'GET') await sendReport(res, url, decodeReportKey(report[1]));
      else await callHandler(req, res, url);
    } catch (error) {
      req.resume();
      if (res.headersSent) res.destroy();
      else if (error instanceof ApiError) sendError(res, error);
      else {
        log(`redvest: local API error: ${error instanceof Error ? error.message : String(error)}`);
        sendError(res, new ApiError('INTERNAL_ERROR'));
      }
    }
    return true;
  };
  return Object.assign(handle, { idle: () => runner.idle() });
}
