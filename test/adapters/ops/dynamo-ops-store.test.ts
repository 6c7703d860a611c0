import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable, expectedCondition } from '../../../adapters/ops/dynamo-ops-store.ts';
import { ConditionFailedError } from '../../../adapters/ports.ts';

describe('DynamoOpsStore on dynalite', () => {
  let db: RunningDynalite;
  let client: DynamoDBClient;
  let ops: DynamoOpsStore;

  beforeAll(async () => {
    db = await startDynalite();
    client = createDynamoClient({ endpoint: db.endpoint, local: true });
    await ensureTable(client, 'ops-test');
    await ensureTable(client, 'ops-test'); // idempotent
    ops = new DynamoOpsStore(client, 'ops-test');
  });
  afterAll(async () => {
    client?.destroy();
    await db?.close();
  });

  it('puts, gets and deletes items with nested values', async () => {
    const item = { pk: 'REC#futian#R1', sk: 'V#0001', hours: 2.5, months: ['2026-10'], meta: { ok: true }, note: undefined };
    await ops.put(item);
    expect(await ops.get('REC#futian#R1', 'V#0001')).toEqual({
      pk: 'REC#futian#R1',
      sk: 'V#0001',
      hours: 2.5,
      months: ['2026-10'],
      meta: { ok: true },
    });
    expect(await ops.get('REC#futian#R1', 'V#0002')).toBeUndefined();
    await ops.delete('REC#futian#R1', 'V#0001');
    expect(await ops.get('REC#futian#R1', 'V#0001')).toBeUndefined();
  });

  it('enforces notExists', async () => {
    await ops.put({ pk: 'BATCH#b1', sk: 'MANIFEST', status: 'RECEIVED' }, { kind: 'notExists' });
    await expect(ops.put({ pk: 'BATCH#b1', sk: 'MANIFEST', status: 'X' }, { kind: 'notExists' })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect((await ops.get('BATCH#b1', 'MANIFEST'))?.status).toBe('RECEIVED');
  });

  it('enforces absentOrLessThan (version pointer)', async () => {
    const cond = (value: string) => ({ kind: 'absentOrLessThan' as const, attribute: 'version', value });
    await ops.put({ pk: 'CUR#r1', sk: 'CURRENT', version: '2026-10-01#b2' }, cond('2026-10-01#b2'));
    await expect(
      ops.put({ pk: 'CUR#r1', sk: 'CURRENT', version: '2026-09-01#b1' }, cond('2026-09-01#b1')),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(
      ops.put({ pk: 'CUR#r1', sk: 'CURRENT', version: '2026-10-01#b2' }, cond('2026-10-01#b2')),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await ops.put({ pk: 'CUR#r1', sk: 'CURRENT', version: '2026-11-01#b3' }, cond('2026-11-01#b3'));
    expect((await ops.get('CUR#r1', 'CURRENT'))?.version).toBe('2026-11-01#b3');
    // numeric versions too
    await ops.put({ pk: 'CUR#r2', sk: 'CURRENT', n: 5 }, { kind: 'absentOrLessThan', attribute: 'n', value: 5 });
    await expect(
      ops.put({ pk: 'CUR#r2', sk: 'CURRENT', n: 4 }, { kind: 'absentOrLessThan', attribute: 'n', value: 4 }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('enforces attributeIn (state transitions)', async () => {
    await ops.put({ pk: 'BATCH#b2', sk: 'MANIFEST', status: 'RECEIVED' });
    const toProcessing = { kind: 'attributeIn' as const, attribute: 'status', values: ['RECEIVED'] };
    await ops.put({ pk: 'BATCH#b2', sk: 'MANIFEST', status: 'PROCESSING' }, toProcessing);
    await expect(ops.put({ pk: 'BATCH#b2', sk: 'MANIFEST', status: 'PROCESSING' }, toProcessing)).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await ops.put(
      { pk: 'BATCH#b2', sk: 'MANIFEST', status: 'COMPLETED' },
      { kind: 'attributeIn', attribute: 'status', values: ['RECEIVED', 'PROCESSING'] },
    );
    await expect(
      ops.put(
        { pk: 'BATCH#none', sk: 'MANIFEST', status: 'COMPLETED' },
        { kind: 'attributeIn', attribute: 'status', values: ['PROCESSING'] },
      ),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect((await ops.get('BATCH#b2', 'MANIFEST'))?.status).toBe('COMPLETED');
  });

  it('enforces attributeIn on numbers and on an attribute the item lacks', async () => {
    await ops.put({ pk: 'CUR#n1', sk: 'CURRENT', n: 2 });
    await expect(
      ops.put({ pk: 'CUR#n1', sk: 'CURRENT', n: 3 }, { kind: 'attributeIn', attribute: 'n', values: [1, '2'] }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(
      ops.put({ pk: 'CUR#n1', sk: 'CURRENT', n: 3 }, { kind: 'attributeIn', attribute: 'n', values: [1, 7] }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await ops.put({ pk: 'CUR#n1', sk: 'CURRENT', n: 3 }, { kind: 'attributeIn', attribute: 'n', values: [1, 2] });
    await expect(
      ops.put({ pk: 'CUR#n1', sk: 'CURRENT', n: 4 }, { kind: 'attributeIn', attribute: 'missing', values: [3] }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect((await ops.get('CUR#n1', 'CURRENT'))?.n).toBe(3);
  });

  it('round-trips nested maps, lists, booleans, nulls and drops undefined attributes', async () => {
    const item = { pk: 'MIX#1', sk: 'S', data: { a: [1, 'b', true], nested: { x: null } }, gone: undefined, n: 1.25 };
    await ops.put(item);
    expect(await ops.get('MIX#1', 'S')).toEqual({
      pk: 'MIX#1',
      sk: 'S',
      data: { a: [1, 'b', true], nested: { x: null } },
      n: 1.25,
    });
  });

  it('batch-puts 60 items, queries both indexes and batch-gets', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      pk: `REC#nanshan#R${String(i).padStart(3, '0')}`,
      sk: 'V#1',
      gsi1pk: i % 2 === 0 ? 'DISTRICT#nanshan' : 'DISTRICT#futian',
      gsi1sk: `BATCH#2026-1${i % 3}-01#${String(i).padStart(3, '0')}`,
      gsi2pk: `VOL#v${i % 4}`,
      gsi2sk: `2026-10-${String((i % 28) + 1).padStart(2, '0')}#${i}`,
      i,
    }));
    // A repeated key in the input: the later one wins.
    await ops.batchPut([...items, { ...items[0], i: 999 }] as typeof items);

    const nanshan = await ops.query({ index: 'byDistrict', partition: 'DISTRICT#nanshan' });
    expect(nanshan.length).toBe(30);
    const nanshanOct = await ops.query({ index: 'byDistrict', partition: 'DISTRICT#nanshan', sortPrefix: 'BATCH#2026-10' });
    expect(nanshanOct.map((it) => it.i).sort((a, b) => Number(a) - Number(b))).toEqual(
      items
        .filter((it) => it.i % 2 === 0 && it.i % 3 === 0)
        .map((it) => (it.i === 0 ? 999 : it.i))
        .sort((a, b) => a - b),
    );
    const newestFirst = await ops.query({ index: 'byDistrict', partition: 'DISTRICT#futian', descending: true, limit: 3 });
    const futianSorted = items
      .filter((it) => it.gsi1pk === 'DISTRICT#futian')
      .map((it) => it.gsi1sk)
      .sort()
      .reverse();
    expect(newestFirst.map((it) => it.gsi1sk)).toEqual(futianSorted.slice(0, 3));

    const volunteer = await ops.query({ index: 'byVolunteer', partition: 'VOL#v1', sortPrefix: '2026-10-0' });
    const expected = items.filter((it) => it.gsi2pk === 'VOL#v1' && it.gsi2sk.startsWith('2026-10-0')).map((it) => it.gsi2sk);
    expect(volunteer.map((it) => it.gsi2sk)).toEqual(expected.sort());
    expect(volunteer.length).toBeGreaterThan(0);

    const base = await ops.query({ partition: 'REC#nanshan#R007' });
    expect(base).toHaveLength(1);

    const keys = [
      ...items.map(({ pk, sk }) => ({ pk, sk })),
      { pk: 'REC#none', sk: 'V#1' },
      { pk: items[5]?.pk ?? '', sk: 'V#1' },
    ];
    const got = await ops.batchGet(keys);
    expect(got).toHaveLength(60);
    expect(got.find((it) => it.pk === items[0]?.pk)?.i).toBe(999);
  });

  it('pages through a query larger than one response', async () => {
    const big = 'x'.repeat(30_000);
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: 'PAGE#1', sk: `S#${String(i).padStart(3, '0')}`, big }));
    await ops.batchPut(items);
    // 60 × 30 KB = 1.8 MB > the 1 MB page limit.
    const all = await ops.query({ partition: 'PAGE#1' });
    expect(all.map((it) => it.sk)).toEqual(items.map((it) => it.sk));
    const limited = await ops.query({ partition: 'PAGE#1', sortPrefix: 'S#0', limit: 45 });
    expect(limited).toHaveLength(45);
  });
});

describe('expectedCondition', () => {
  it('states notExists and attributeIn in the Expected form and leaves absentOrLessThan to an expression', () => {
    expect(expectedCondition({ kind: 'notExists' })).toEqual({ pk: { Exists: false } });
    expect(expectedCondition({ kind: 'attributeIn', attribute: 'version', values: ['v1', 'v2'] })).toEqual({
      version: { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'v1' }, { S: 'v2' }] },
    });
    expect(expectedCondition({ kind: 'attributeIn', attribute: 'n', values: [1, 2] })).toEqual({
      n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '1' }, { N: '2' }] },
    });
    expect(expectedCondition({ kind: 'absentOrLessThan', attribute: 'version', value: 'v1' })).toBeUndefined();
    expect(expectedCondition({ kind: 'attributeIn', attribute: 'version', values: ['1', 2] })).toBeUndefined();
    expect(() => expectedCondition({ kind: 'attributeIn', attribute: 'status', values: [] })).toThrow();
  });
});
