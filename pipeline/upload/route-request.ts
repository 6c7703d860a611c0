/**
 * Routing of the upload API: method and path to an operation, answers as status and JSON body.
 * Shared by the Lambda handler (API Gateway HTTP API v2) and, through it, the local API server.
 */
import type { Caller } from '../../adapters/auth/caller.ts';
import { ApiError, type ApiErrorBody } from './api-errors.ts';
import { createBatch, getBatch, listBatches, type UploadApiDeps } from './batches-api.ts';

/** A request reduced to what routing needs; the caller is already authenticated. */
export interface ApiRequest {
  method: string;
  /** Path without stage or mount prefix, e.g. `/batches/abc`. */
  path: string;
  query: Record<string, string | undefined>;
  /** Raw body text, if any. */
  body: string | undefined;
  caller: Caller;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') throw new ApiError('BAD_REQUEST', 'empty body');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('BAD_REQUEST', 'body is not JSON');
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An error answer for an {@link ApiError}. */
export function errorAnswer(error: ApiError): ApiAnswer & { body: ApiErrorBody } {
  return { status: error.status, body: error.body };
}

/**
 * Runs one API request. Known failures become their status and bilingual body; anything else
 * is thrown for the handler to log and answer 500.
 *
 * @example
 * await routeApiRequest(deps, { method: 'GET', path: '/batches', query: {}, body: undefined, caller });
 * // { status: 200, body: { district: 'futian', batches: [...] } }
 */
export async function routeApiRequest(deps: UploadApiDeps, request: ApiRequest): Promise<ApiAnswer> {
  try {
    const path = request.path.replace(/\/+$/, '') || '/';
    const method = request.method.toUpperCase();
    if (path === '/batches' && method === 'POST')
      return { status: 201, body: await createBatch(deps, request.caller, parseJson(request.body)) };
    if (path === '/batches' && method === 'GET')
      return { status: 200, body: await listBatches(deps, request.caller, { district: request.query.district }) };
    const one = /^\/batches\/([^/]+)$/.exec(path);
    if (one?.[1] && method === 'GET') return { status: 200, body: await getBatch(deps, request.caller, safeDecode(one[1])) };
    throw new ApiError('ROUTE_NOT_FOUND', `${method} ${path}`);
  } catch (error) {
    if (error instanceof ApiError) return errorAnswer(error);
    throw error;
  }
}
