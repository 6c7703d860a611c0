import { describe, expect, it } from 'vitest';
import { RowGroupQueue } from '../../../pipeline/ingest/chunk-runner.ts';
import { LaneRowReader } from '../../../pipeline/ingest/lane-group.ts';

describe('RowGroupQueue', () => {
  it('keeps every group, in order, when producers push faster than the consumer reads', async () => {
    const queue = new RowGroupQueue(2);
    const groups = Array.from({ length: 50 }, (_, i) => [{ rowNumber: i + 2, cells: {} }]);
    // All pushes at once (as worker messages arrive), then close.
    const pushes = groups.map((g) => queue.push(g));
    const consumed: number[] = [];
    const consumer = (async () => {
      for await (const group of queue) {
        consumed.push(new LaneRowReader().rows(group)[0]!.rowNumber);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await Promise.all(pushes);
    queue.close();
    await consumer;
    expect(consumed).toEqual(groups.map((g) => g[0]!.rowNumber));
  });

  it('makes waiting producers fail when the consumer aborts', async () => {
    const queue = new RowGroupQueue(1);
    await queue.push([]);
    const waiting = queue.push([]);
    queue.abort(new Error('lane failed'));
    await expect(waiting).rejects.toThrow('lane failed');
  });
});
