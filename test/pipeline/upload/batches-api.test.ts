import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../adapters/auth/caller.ts';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../../../adapters/ops/dynamo-ops-store.ts';
import type { OpsStore } from '../../../adapters/ports.ts';
import { parseLandingKey } from '../../../pipeline/ingest/landing-key.ts';
import type { UploadApiDeps } from '../../../pipeline/upload/batches-api.ts';
import { isValidLinkSignature, localUploadLinks } from '../../../pipeline/upload/local-upload-links.ts';
import { opsBatchRegistry } from '../../../pipeline/upload/ops-batch-registry.ts';
import { routeApiRequest } from '../../../pipeline/upload/route-request.ts';

const futian: Caller = { sub: 'officer-1', district: 'futian' };
const nanshan: Caller = { sub: 'officer-2', district: 'nanshan' };
const city: Caller = { sub: 'staff-1', district: 'city' };
const key = randomBytes(32);

let dynalite: RunningDynalite;
let ops: OpsStore;
let deps: UploadApiDeps;
let clock = Date.parse('2026-03-01T08:00:00Z');

beforeAll(async () => {
  dynalite = await startDynalite();
  const client = createDynamoClient({ endpoint: dynalite.endpoint, local: true });
  await ensureTable(client, 'ops');
  ops = new DynamoOpsStore(client, 'ops');
  deps = {
    batches: opsBatchRegistry(ops),
    links: localUploadLinks('http://127.0.0.1:9/api', key, () => new Date(clock)),
    limits: { maxFileBytes: 1000 },
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
  };
});

afterAll(async () => {
  await dynalite?.close();
});

function post(caller: Caller, body: unknown) {
  return routeApiRequest(deps, { method: 'POST', path: '/batches', query: {}, body: JSON.stringify(body), caller });
}
function get(caller: Caller, path: string, query: Record<string, string> = {}) {
  return routeApiRequest(deps, { method: 'GET', path, query, body: undefined, caller });
}

describe('POST /batches', () => {
  it('creates a RECEIVED batch in the caller district with a signed upload link to its landing key', async () => {
    const answer = await post(futian, { dataset: 'service_records', file_name: '福田3月.csv' });
    expect(answer.status).toBe(201);
    const created = answer.body as { batch_id: string; district: string; upload: { url: string } };
    expect(created.district).toBe('futian');
    const stored = await ops.get(`BATCH#${created.batch_id}`, 'MANIFEST');
    expect(stored).toMatchObject({
      status: 'RECEIVED',
      district: 'futian',
      dataset: 'service_records',
      file_name: '福田3月.csv',
    });
    expect(parseLandingKey(String(stored?.landing_key))).toEqual({
      dataset: 'service_records',
      district: 'futian',
      batchId: created.batch_id,
      fileName: '福田3月.csv',
    });
    const url = new URL(created.upload.url);
    expect(url.pathname).toBe(`/api/uploads/${created.batch_id}`);
    const valid = (id: string) =>
      isValidLinkSignature(
        key,
        'upload',
        id,
        url.searchParams.get('expires'),
        url.searchParams.get('signature'),
        new Date(clock),
      );
    expect(valid(created.batch_id)).toBe(true);
    expect(valid('another-batch')).toBe(false);
  });

  it('refuses another district with 403 before any batch exists', async () => {
    const before = await ops.query({ index: 'byDistrict', partition: 'BATCHES#nanshan' });
    const answer = await post(futian, { dataset: 'service_records', file_name: 'x.csv', district: 'nanshan' });
    expect(answer).toEqual({
      status: 403,
      body: {
        code: 'DISTRICT_FORBIDDEN',
        message_zh: '无权上传其他区的数据',
        message_en: "uploading another district's data is not allowed",
      },
    });
    expect(await ops.query({ index: 'byDistrict', partition: 'BATCHES#nanshan' })).toEqual(before);
  });

  it('keeps federation-level datasets for city callers, who name the district of district datasets', async () => {
    expect((await post(futian, { dataset: 'projects', file_name: 'p.csv' })).status).toBe(403);
    expect(await post(city, { dataset: 'contracts', file_name: 'c.xlsx' })).toMatchObject({
      status: 201,
      body: { district: 'city' },
    });
    expect(await post(city, { dataset: 'registrations', file_name: 'r.jsonl' })).toMatchObject({
      status: 400,
      body: { code: 'DISTRICT_REQUIRED' },
    });
    expect(await post(city, { dataset: 'registrations', file_name: 'r.jsonl', district: '南山区' })).toMatchObject({
      status: 201,
      body: { district: 'nanshan' },
    });
    expect(await post(futian, { dataset: 'registrations', file_name: 'r.jsonl', district: 'futian' })).toMatchObject({
      status: 201,
    });
  });

  it('answers 400 with bilingual bodies for bad requests and 413 for announced oversize files', async () => {
    const cases: [unknown, string][] = [
      [{ dataset: 'volunteers', file_name: 'a.csv' }, 'DATASET_UNKNOWN'],
      [{ dataset: 'service_records', file_name: '../a.csv' }, 'FILE_NAME_INVALID'],
      [{ dataset: 'service_records', file_name: 'a.exe' }, 'FILE_NAME_INVALID'],
      [{ dataset: 'service_records' }, 'BAD_REQUEST'],
      [{ dataset: 'service_records', file_name: 'a.csv', district: 'atlantis' }, 'DISTRICT_UNKNOWN'],
      [{ dataset: 'service_records', file_name: 'a.csv', size_bytes: 1001 }, 'FILE_TOO_LARGE'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(futian, body);
      expect(answer.body).toMatchObject({ code });
      expect((answer.body as { message_zh: string }).message_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const notJson = await routeApiRequest(deps, { method: 'POST', path: '/batches', query: {}, body: '{', caller: futian });
    expect(notJson).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });
});

describe('GET /batches and /batches/{id}', () => {
  it("shows a district its own batches newest first, hides other districts' batches", async () => {
    const first = (await post(nanshan, { dataset: 'service_records', file_name: 'a.csv' })).body as { batch_id: string };
    const second = (await post(nanshan, { dataset: 'registrations', file_name: 'b.csv' })).body as { batch_id: string };
    const listed = (await get(nanshan, '/batches')).body as { district: string; batches: { batch_id: string }[] };
    expect(listed.district).toBe('nanshan');
    const ids = listed.batches.map((batch) => batch.batch_id);
    expect(ids.indexOf(second.batch_id)).toBeLessThan(ids.indexOf(first.batch_id));
    const futianIds = ((await get(futian, '/batches')).body as { batches: { batch_id: string }[] }).batches.map(
      (b) => b.batch_id,
    );
    expect(futianIds).not.toContain(first.batch_id);

    expect(await get(nanshan, `/batches/${first.batch_id}`)).toMatchObject({
      status: 200,
      body: { status: 'RECEIVED', received: 0 },
    });
    expect(await get(futian, `/batches/${first.batch_id}`)).toMatchObject({ status: 403, body: { code: 'BATCH_FORBIDDEN' } });
    expect(await get(city, `/batches/${first.batch_id}`)).toMatchObject({ status: 200 });
    expect(await get(futian, '/batches', { district: 'nanshan' })).toMatchObject({ status: 403 });
    expect(await get(city, '/batches', { district: 'nanshan' })).toMatchObject({ status: 200, body: { district: 'nanshan' } });
    expect(await get(futian, '/batches/no-such-batch')).toMatchObject({ status: 404, body: { code: 'BATCH_NOT_FOUND' } });
    expect(await get(futian, '/batches/%E0%A4%A')).toMatchObject({ status: 404 });
    expect(await get(futian, '/nothing')).toMatchObject({ status: 404, body: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('links the error report of a finished batch', async () => {
    const created = (await post(futian, { dataset: 'service_records', file_name: 'e.csv' })).body as { batch_id: string };
    const item = await ops.get(`BATCH#${created.batch_id}`, 'MANIFEST');
    const reportKey = `rejects/service_records/district=futian/batch=${created.batch_id}/errors.csv`;
    await ops.put({
      ...item,
      status: 'COMPLETED',
      received: 3,
      accepted: 2,
      rejected: 1,
      errors_report: `file:///x/${reportKey}`,
    });
    const answer = (await get(futian, `/batches/${created.batch_id}`)).body as { errors_report_url: string; rejected: number };
    expect(answer.rejected).toBe(1);
    const url = new URL(answer.errors_report_url);
    expect(decodeURIComponent(url.pathname)).toBe(`/api/reports/${reportKey}`);
    expect(
      isValidLinkSignature(
        key,
        'report',
        reportKey,
        url.searchParams.get('expires'),
        url.searchParams.get('signature'),
        new Date(clock),
      ),
    ).toBe(true);
  });
});
