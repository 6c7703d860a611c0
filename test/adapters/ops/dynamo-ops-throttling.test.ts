import {
  type BatchWriteItemCommandInput,
  type DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynalite, startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../../../adapters/ops/dynamo-ops-store.ts';

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Adds a middleware to the real client that, on ~30 % of BatchWriteItem calls, either
 * throws ProvisionedThroughputExceededException (nothing written) or writes only the first
 * half of the request and reports the rest as UnprocessedItems — as DynamoDB does.
 */
function injectFaults(client: DynamoDBClient, random: () => number) {
  const stats = { calls: 0, throttled: 0, partial: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand') return next(args);
      stats.calls += 1;
      const roll = random();
      if (roll < 0.15) {
        stats.throttled += 1;
        throw new ProvisionedThroughputExceededException({ message: 'injected throttle', $metadata: {} });
      }
      const input = args.input as BatchWriteItemCommandInput;
      const [table, requests] = Object.entries(input.RequestItems ?? {})[0] ?? [];
      if (roll < 0.3 && table && requests && requests.length > 1) {
        stats.partial += 1;
        const half = Math.ceil(requests.length / 2);
        const result = await next({ ...args, input: { ...input, RequestItems: { [table]: requests.slice(0, half) } } });
        const output = result.output as { UnprocessedItems?: Record<string, unknown[]> };
        output.UnprocessedItems = { [table]: requests.slice(half) };
        return result;
      }
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'injectThrottling' },
  );
  return stats;
}

describe('DynamoOpsStore.batchPut under throttling', () => {
  let db: RunningDynalite;
  let client: DynamoDBClient;

  beforeAll(async () => {
    db = await startDynalite();
    client = createDynamoClient({ endpoint: db.endpoint, local: true });
    await ensureTable(client, 'ops-throttle');
  });
  afterAll(async () => {
    client?.destroy();
    await db?.close();
  });

  it('writes every item although ~30 % of BatchWriteItem calls are throttled or partial', async () => {
    const stats = injectFaults(client, seeded(20261101));
    const ops = new DynamoOpsStore(client, 'ops-throttle', { baseDelayMs: 2, maxDelayMs: 40, maxAttempts: 30 });
    const items = Array.from({ length: 500 }, (_, i) => ({
      pk: `REC#futian#R${i}`,
      sk: 'V#1',
      gsi1pk: 'DISTRICT#futian',
      gsi1sk: `R${String(i).padStart(4, '0')}`,
      hours: i / 4,
    }));
    await ops.batchPut(items);

    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.partial).toBeGreaterThan(0);
    expect((stats.throttled + stats.partial) / stats.calls).toBeGreaterThan(0.15);

    const landed = await ops.query({ index: 'byDistrict', partition: 'DISTRICT#futian' });
    expect(landed).toHaveLength(500);
    const byKey = new Map(landed.map((it) => [it.pk, it.hours]));
    for (const item of items) expect(byKey.get(item.pk)).toBe(item.hours);
  });

  it('gives up with the throttling error after the configured attempts', async () => {
    const always = createDynamoClient({ endpoint: db.endpoint, local: true });
    injectFaults(always, () => 0);
    const ops = new DynamoOpsStore(always, 'ops-throttle', { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 });
    await expect(ops.batchPut([{ pk: 'X', sk: 'Y' }])).rejects.toThrow('injected throttle');
    always.destroy();
  });
});
