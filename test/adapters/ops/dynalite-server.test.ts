import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynalite } from '../../../adapters/ops/dynalite-server.ts';
import { createDynamoClient } from '../../../adapters/ops/dynamo-client.ts';
import { DynamoOpsStore, ensureTable } from '../../../adapters/ops/dynamo-ops-store.ts';

describe('startDynalite', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('persists tables and items under a path across restarts', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rv-dynalite-'));
    const dbPath = path.join(dir, 'dynalite');
    const first = await startDynalite({ path: dbPath });
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client1 = createDynamoClient({ endpoint: first.endpoint, local: true });
    await ensureTable(client1, 'persisted');
    await new DynamoOpsStore(client1, 'persisted').put({ pk: 'A', sk: 'B', n: 1 });
    client1.destroy();
    await first.close();

    const second = await startDynalite({ path: dbPath });
    const client2 = createDynamoClient({ endpoint: second.endpoint, local: true });
    await ensureTable(client2, 'persisted');
    expect(await new DynamoOpsStore(client2, 'persisted').get('A', 'B')).toEqual({ pk: 'A', sk: 'B', n: 1 });
    client2.destroy();
    await second.close();
  });
});
