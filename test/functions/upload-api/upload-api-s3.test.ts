/**
 * The cloud path with real stand-ins: upload-api handler → presigned PUT to s3rver → s3rver's
 * S3 event → ingest → records in dynalite and Parquet in the lake → GET /batches/{id}.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningS3rver, S3RVER_CREDENTIALS, startS3rver } from '../../../adapters/blob/s3rver-server.ts';
import { fileUrl, loadConfig } from '../../../adapters/config.ts';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { openRuntime, type Runtime } from '../../../adapters/runtime.ts';
import {
  attachS3rverEvents,
  createLocalS3EventRunner,
  ingestDeliveryOver,
  type LocalS3EventRunner,
} from '../../../cli/local-s3-event-runner.ts';
import { createUploadApiHandler, type UploadApiEvent } from '../../../functions/upload-api/handler.ts';
import { s3UploadLinks } from '../../../functions/upload-api/s3-upload-links.ts';
import { recordPk } from '../../../pipeline/ingest/ops-keys.ts';
import { opsBatchRegistry } from '../../../pipeline/upload/ops-batch-registry.ts';

const CSV = [
  'record_id,district,street_code,volunteer_id,project_code,category,service_date,hours,funding,status',
  'R-001,futian,440304001,VOL000001,P-01,敬老助老,2026-02-10,2.5,self_funded,approved',
  'R-002,福田区,440304001,VOL000002,P-01,elderly_care,2026-02-11,3,self_funded,approved',
  'R-003,futian,440304001,VOL000003,P-01,elderly_care,2026-02-12,99,self_funded,approved',
].join('\n');

let dir: string;
let s3: RunningS3rver;
let dynalite: RunningDynalite;
let runtime: Runtime;
let runner: LocalS3EventRunner;
let handle: ReturnType<typeof createUploadApiHandler>;
const failures: unknown[] = [];

const context = { awsRequestId: 'test', functionName: 'upload-api', getRemainingTimeInMillis: () => 29_000 } as Context;

function event(method: string, rawPath: string, claims: Record<string, string>, body?: unknown): UploadApiEvent {
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  };
}

async function call(method: string, rawPath: string, claims: Record<string, string>, body?: unknown) {
  const result = await handle(event(method, rawPath, claims, body), context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
}

const futian = { sub: 'officer-futian', 'custom:district': 'futian' };
const nanshan = { sub: 'officer-nanshan', 'custom:district': 'nanshan' };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-upload-s3-'));
  [s3, dynalite] = await Promise.all([startS3rver({ buckets: ['rv-landing', 'rv-rejects'] }), startDynalite()]);
  const config = loadConfig(
    {},
    {
      dataDir: dir,
      today: '2026-03-01',
      s3Endpoint: s3.endpoint,
      stores: { landing: 's3://rv-landing/in', rejects: 's3://rv-rejects', lake: fileUrl(path.join(dir, 'lake')) },
      ops: { backend: 'dynalite', endpoint: dynalite.endpoint, tableName: 'ops' },
    },
  );
  runtime = await openRuntime(config, { s3Credentials: S3RVER_CREDENTIALS });
  runner = createLocalS3EventRunner(ingestDeliveryOver(runtime), (error) => failures.push(error));
  attachS3rverEvents(s3, runner);
  handle = createUploadApiHandler(async () => ({
    batches: opsBatchRegistry(runtime.ops),
    links: s3UploadLinks(runtime.stores.landing, runtime.stores.rejects),
    limits: config.limits,
  }));
});

afterAll(async () => {
  await runtime?.close();
  await Promise.all([s3?.close(), dynalite?.close()]);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('upload API over s3rver and dynalite', () => {
  it('takes a file from presigned PUT to COMPLETED records and lake files', async () => {
    const created = await call('POST', '/batches', futian, { dataset: 'service_records', file_name: 'futian-feb.csv' });
    expect(created.status).toBe(201);
    const batchId = String(created.body.batch_id);
    const upload = created.body.upload as { url: string };
    expect(upload.url.startsWith(`${s3.endpoint}/rv-landing/`)).toBe(true);
    expect(decodeURIComponent(new URL(upload.url).pathname)).toBe(
      `/rv-landing/in/landing/service_records/district=futian/batch=${batchId}/futian-feb.csv`,
    );
    expect(upload.url).toContain('X-Amz-Signature=');

    const put = await fetch(upload.url, { method: 'PUT', body: CSV });
    expect(put.status).toBe(200);
    await runner.idle();
    expect(failures).toEqual([]);

    const answer = await call('GET', `/batches/${batchId}`, futian);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      batch_id: batchId,
      district: 'futian',
      status: 'COMPLETED',
      received: 3,
      accepted: 2,
      rejected: 1,
    });
    const report = await fetch(String(answer.body.errors_report_url));
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('HOURS_RANGE');

    expect(await runtime.ops.get(recordPk('service_records', 'futian', 'R-001'), 'CURRENT')).toBeDefined();
    expect(await runtime.ops.get(recordPk('service_records', 'futian', 'R-003'), 'CURRENT')).toBeUndefined();
    const lakeFiles = (await runtime.stores.lake.list('curated/service_records_versions/')).map((file) => file.key);
    expect(
      lakeFiles.filter((key) => key.includes('year=2026/month=02/district=futian/') && key.endsWith('.parquet')),
    ).not.toEqual([]);
    expect(await runtime.stores.lake.list('staging/')).toEqual([]);
    expect(await runtime.stores.landing.list('landing/')).toEqual([]);

    const listed = await call('GET', '/batches', futian);
    expect((listed.body.batches as { batch_id: string }[])[0]?.batch_id).toBe(batchId);
  });

  it("refuses another district's upload and batch with 403", async () => {
    const before = await runtime.ops.query({ index: 'byDistrict', partition: 'BATCHES#nanshan' });
    const refused = await call('POST', '/batches', futian, {
      dataset: 'service_records',
      file_name: 'x.csv',
      district: 'nanshan',
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'DISTRICT_FORBIDDEN' } });
    expect(await runtime.ops.query({ index: 'byDistrict', partition: 'BATCHES#nanshan' })).toEqual(before);

    const mine = await call('POST', '/batches', futian, { dataset: 'registrations', file_name: 'r.csv' });
    const theirs = await call('GET', `/batches/${String(mine.body.batch_id)}`, nanshan);
    expect(theirs).toMatchObject({ status: 403, body: { code: 'BATCH_FORBIDDEN' } });
    expect(await call('GET', '/batches/unknown-batch', futian)).toMatchObject({ status: 404 });
  });

  it('answers 401 with a bilingual body when the authorizer passed no district claim', async () => {
    const answer = await call('GET', '/batches', { sub: 'x' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(String(answer.body.message_zh)).toMatch(/令牌/);
  });
});
