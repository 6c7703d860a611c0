/**
 * Serves a site store (HTML, assets and `data/` JSON) over HTTP for local use: `redvest serve`.
 * Read-only, GET/HEAD only, gzip for text when the client accepts it.
 */

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { BlobStore } from '../adapters/ports.ts';

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const COMPRESSIBLE = new Set(['html', 'js', 'css', 'json', 'csv', 'svg']);

/** Options of {@link startSiteServer}. */
export interface SiteServerOptions {
  store: BlobStore;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; default 127.0.0.1 (never exposed beyond this machine by default). */
  host?: string;
  /**
   * Handler tried before the site (the local upload API under `/api`); resolves true when it
   * answered the request.
   */
  api?: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<boolean>;
}

/** A running site server. */
export interface SiteServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/** Maps a request path to a store key, or undefined when it is not a safe key. */
function keyOf(requestUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  const key = pathname.replace(/^\/+/, '');
  if (key === '' || key.endsWith('/')) return `${key}index.html`;
  if (key.split('/').some((part) => part === '..' || part === '.' || part === '') || key.includes('\\')) return undefined;
  return key;
}

/** Gzipped bodies by key, reused while the body is unchanged (the JS bundle is ~600 KB). */
type GzipCache = Map<string, { digest: string; gzipped: Uint8Array }>;

function gzipCached(cache: GzipCache, key: string, body: Uint8Array): Uint8Array {
  const digest = createHash('sha1').update(body).digest('hex');
  const hit = cache.get(key);
  if (hit?.digest === digest) return hit.gzipped;
  const gzipped = gzipSync(body);
  cache.set(key, { digest, gzipped });
  return gzipped;
}

async function handle(
  store: BlobStore,
  cache: GzipCache,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const key = keyOf(request.url ?? '/');
  const body = key === undefined ? undefined : await store.getOptional(key);
  if (key === undefined || body === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 未找到 / Not found\n');
    return;
  }
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  const headers: http.OutgoingHttpHeaders = {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  };
  let payload: Uint8Array = body;
  if (COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    payload = gzipCached(cache, key, body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = payload.byteLength;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : payload);
}

/**
 * Starts serving the store; resolves once listening.
 *
 * @example
 * const { url, close } = await startSiteServer({ store: site, port: 8080 });
 * console.log(url); // 'http://127.0.0.1:8080/'
 */
export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const host = options.host ?? '127.0.0.1';
  const cache: GzipCache = new Map();
  const server = http.createServer((request, response) => {
    const api = options.api ? options.api(request, response) : Promise.resolve(false);
    api
      .then((answered) => (answered ? undefined : handle(options.store, cache, request, response)))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('500 服务器错误 / Server error\n');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
