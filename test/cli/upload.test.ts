/**
 * The local path: `redvest upload` against the local API server (filesystem landing store,
 * dynalite), which stores the PUT in landing and hands ingest an S3-shaped event.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../adapters/auth/local-token.ts';
import { loadConfig } from '../../adapters/config.ts';
import { type RunningDynalite, startDynalite } from '../../adapters/ops/dynalite-server.ts';
import { openRuntime, type Runtime } from '../../adapters/runtime.ts';
import { runUpload } from '../../cli/commands/upload.ts';
import { type ApiRequestHandler, createApiRequestHandler } from '../../cli/local-api-server.ts';

const CSV = [
  'record_id,district,street_code,volunteer_id,project_code,category,service_date,hours,funding,status',
  'L-001,futian,440304001,VOL000011,P-01,敬老助老,2026-02-10,2,self_funded,approved',
  'L-002,futian,440304001,VOL000012,P-01,elderly_care,2026-02-11,-1,self_funded,approved',
].join('\n');

let dir: string;
let dynalite: RunningDynalite;
let runtime: Runtime;
let api: ApiRequestHandler;
let server: http.Server;
let apiUrl: string;
const key = randomBytes(32);

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

async function upload(file: string, token: string | undefined, extra: { dataset?: string; district?: string } = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await runUpload(
    {
      file,
      dataset: extra.dataset ?? 'service_records',
      district: extra.district,
      apiUrl,
      token,
      json: true,
      pollMs: 50,
      maxPollMs: 200,
    },
    { stdout: stdout.stream, stderr: stderr.stream },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-upload-cli-'));
  dynalite = await startDynalite();
  const config = loadConfig({}, { dataDir: dir, today: '2026-03-01', ops: { backend: 'dynalite', endpoint: dynalite.endpoint } });
  runtime = await openRuntime(config);
  api = createApiRequestHandler(runtime, { tokenKey: key, log: () => undefined });
  server = http.createServer((req, res) => {
    void api(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end('site');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  await fs.writeFile(path.join(dir, 'futian-feb.csv'), CSV);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await api?.idle();
  await runtime?.close();
  await dynalite?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('redvest upload against the local API server', () => {
  it('uploads, waits for ingest and prints the batch outcome line', async () => {
    const token = await signLocalToken(key, { district: 'futian' });
    const result = await upload(path.join(dir, 'futian-feb.csv'), token);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const outcome = JSON.parse(lines[0] ?? '');
    expect(Object.keys(outcome)).toEqual([
      'batch_id',
      'dataset',
      'district',
      'status',
      'received',
      'accepted',
      'rejected',
      'duplicates',
      'corrections',
      'errors_report',
      'duplicate_of',
    ]);
    expect(outcome).toMatchObject({
      dataset: 'service_records',
      district: 'futian',
      status: 'COMPLETED',
      received: 2,
      accepted: 1,
      rejected: 1,
    });
    expect(await runtime.stores.landing.list('landing/')).toEqual([]);

    // The error report link printed on stderr downloads the report (masked, bilingual).
    const reportUrl = /error report: (\S+)/.exec(result.stderr)?.[1];
    expect(reportUrl).toBeDefined();
    const report = await fetch(String(reportUrl));
    expect(report.status).toBe(200);
    const reportText = await report.text();
    expect(reportText.split('\n').filter((line) => /^[^,]*,3,hours,/.test(line))[0]).toMatch(/HOURS_(RANGE|FORMAT)/);
    const forged = new URL(String(reportUrl));
    forged.searchParams.set('signature', 'x');
    expect((await fetch(forged)).status).toBe(403);

    // A byte-identical re-upload ends DUPLICATE (exit 0) and names the first batch.
    const again = await upload(path.join(dir, 'futian-feb.csv'), token);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'DUPLICATE', duplicate_of: outcome.batch_id, received: 0 });
  });

  it('exits 2 for a FAILED batch and 1 for refusals, with bilingual messages', async () => {
    const token = await signLocalToken(key, { district: 'futian' });
    const broken = path.join(dir, 'broken.csv');
    await fs.writeFile(broken, 'nothing,useful\n1,2\n');
    const failed = await upload(broken, token);
    expect(failed.code).toBe(2);
    expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'FAILED', failure: { code: 'MISSING_COLUMNS' } });

    const other = await upload(path.join(dir, 'futian-feb.csv'), token, { district: 'nanshan' });
    expect(other.code).toBe(1);
    expect(other.stdout).toBe('');
    expect(other.stderr).toContain('无权上传其他区的数据');

    const expired = await signLocalToken(key, { district: 'futian', ttlSeconds: 1, now: new Date(Date.now() - 10_000) });
    expect((await upload(path.join(dir, 'futian-feb.csv'), expired)).stderr).toContain('TOKEN_EXPIRED');
    const foreign = await signLocalToken(randomBytes(32), { district: 'futian' });
    expect((await upload(path.join(dir, 'futian-feb.csv'), foreign)).stderr).toContain('UNAUTHORIZED');
    expect((await upload(path.join(dir, 'futian-feb.csv'), undefined)).code).toBe(1);
  });

  it('refuses PUTs without a valid link and a second PUT to the same batch', async () => {
    const token = await signLocalToken(key, { district: 'futian' });
    const created = await fetch(`${apiUrl}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: 'registrations', file_name: 'r.csv' }),
    });
    expect(created.status).toBe(201);
    const { batch_id: batchId, upload: target } = (await created.json()) as { batch_id: string; upload: { url: string } };
    expect((await fetch(`${apiUrl}/uploads/${batchId}`, { method: 'PUT', body: 'x' })).status).toBe(403);
    const first = await fetch(target.url, { method: 'PUT', body: 'volunteer_id\n' });
    expect(first.status).toBe(200);
    const second = await fetch(target.url, { method: 'PUT', body: 'volunteer_id\n' });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'UPLOAD_ALREADY_RECEIVED' });
    await api.idle();
  });

  it('leaves other paths to the caller', async () => {
    const response = await fetch(apiUrl.replace(/\/api$/, '/index.html'));
    expect(await response.text()).toBe('site');
  });
});
