import { describe, expect, it } from 'vitest';
import { ConditionFailedError } from '../../../adapters/ports.ts';
import { MemoryOpsStore } from '../../../functions/commons/memory-ops-store.ts';

describe('MemoryOpsStore', () => {
  it('applies write conditions as DynamoDB does and reports failures as rejections', async () => {
    const ops = new MemoryOpsStore();
    await ops.put({ pk: 'A', sk: 'CURRENT', version: 'v1' }, { kind: 'notExists' });
    const again = ops.put({ pk: 'A', sk: 'CURRENT', version: 'v9' }, { kind: 'notExists' });
    await expect(again).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(
      ops.put({ pk: 'A', sk: 'CURRENT', version: 'v2' }, { kind: 'attributeIn', attribute: 'version', values: ['v0'] }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await ops.put({ pk: 'A', sk: 'CURRENT', version: 'v2' }, { kind: 'attributeIn', attribute: 'version', values: ['v1'] });
    await expect(
      ops.put({ pk: 'A', sk: 'CURRENT', version: 'v3' }, { kind: 'absentOrLessThan', attribute: 'version', value: 'v2' }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await ops.put({ pk: 'A', sk: 'CURRENT', version: 'v3' }, { kind: 'absentOrLessThan', attribute: 'version', value: 'v4' });
    expect((await ops.get('A', 'CURRENT'))?.version).toBe('v3');
    await ops.batchPut([
      { pk: 'A', sk: 'V#2' },
      { pk: 'B', sk: 'CURRENT' },
    ]);
    const found = await ops.batchGet([
      { pk: 'A', sk: 'V#2' },
      { pk: 'C', sk: 'CURRENT' },
      { pk: 'B', sk: 'CURRENT' },
    ]);
    expect(found.map((i) => `${i.pk}/${i.sk}`)).toEqual(['A/V#2', 'B/CURRENT']);
    await ops.delete('A', 'V#2');
    expect(await ops.get('A', 'V#2')).toBeUndefined();
  });

  it('orders queries by sort key bytes, not by locale collation', async () => {
    const ops = new MemoryOpsStore();
    for (const sk of ['b#2', 'a-1', 'a#9', 'B#1']) await ops.put({ pk: 'P', sk, gsi1pk: 'G', gsi1sk: sk });
    expect((await ops.query({ partition: 'P' })).map((i) => i.sk)).toEqual(['B#1', 'a#9', 'a-1', 'b#2']);
    expect(
      (await ops.query({ index: 'byDistrict', partition: 'G', sortPrefix: 'a', descending: true })).map((i) => i.sk),
    ).toEqual(['a-1', 'a#9']);
  });

  it('forgets record items when asked to, keeping their conditions', async () => {
    const ops = new MemoryOpsStore(false);
    await ops.put({ pk: 'REC#x#futian#R1', sk: 'CURRENT' }, { kind: 'notExists' });
    await ops.put({ pk: 'BATCH#b', sk: 'MANIFEST' });
    expect(await ops.get('REC#x#futian#R1', 'CURRENT')).toBeUndefined();
    expect(await ops.get('BATCH#b', 'MANIFEST')).toEqual({ pk: 'BATCH#b', sk: 'MANIFEST' });
    await expect(
      ops.put({ pk: 'REC#x#futian#R1', sk: 'CURRENT' }, { kind: 'attributeIn', attribute: 'version', values: ['v1'] }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
  });
});
