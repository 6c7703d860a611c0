import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../adapters/config.ts';
import { type SiteServer, startSiteServer } from '../../dashboards/serve.ts';

/** A raw request (fetch would normalise `..` away and decode gzip itself). */
function request(
  url: string,
  rawPath: string,
  options: { method?: string; gzip?: boolean } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: options.gzip ? { 'accept-encoding': 'gzip' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startSiteServer', () => {
  let dir: string;
  let site: FsBlobStore;
  let server: SiteServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rv-serve-'));
    site = new FsBlobStore(fileUrl(path.join(dir, 'site')));
    await site.put('index.html', '<!doctype html><title>看板</title>');
    await site.put('assets/app-X.js', 'console.log("x");'.repeat(200));
    await site.put('data/index.json', '{"version":1}');
    server = await startSiteServer({ store: site });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves index.html at the root', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await request(server.url, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body.toString('utf8')).toBe('<!doctype html><title>看板</title>');
  });

  it('gzips text for clients that accept it and caches hashed assets for a year', async () => {
    const response = await request(server.url, '/assets/app-X.js', { gzip: true });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(response.body).toString('utf8')).toBe('console.log("x");'.repeat(200));
    expect(response.body.byteLength).toBeLessThan(200);
    const again = await request(server.url, '/assets/app-X.js', { gzip: true });
    expect(again.body.equals(response.body)).toBe(true);
  });

  it('serves changed data after a re-export (no stale cache)', async () => {
    await site.put('data/index.json', '{"version":1,"periods":{}}');
    const response = await request(server.url, '/data/index.json', { gzip: true });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(gunzipSync(response.body).toString('utf8')).toBe('{"version":1,"periods":{}}');
  });

  it('answers 404 for missing keys and for paths escaping the store, 405 for writes', async () => {
    expect((await request(server.url, '/data/missing.json')).status).toBe(404);
    expect((await request(server.url, '/../secrets/key.hex')).status).toBe(404);
    expect((await request(server.url, '/data/%2e%2e/%2e%2e/x')).status).toBe(404);
    expect((await request(server.url, '/index.html', { method: 'POST' })).status).toBe(405);
  });

  it('answers HEAD with headers only', async () => {
    const response = await request(server.url, '/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    expect(response.body.byteLength).toBe(0);
  });
});
