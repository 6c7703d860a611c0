import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../pipeline/ingest/ingest-batch.ts';
import { recordRow, serviceRecordsCsv } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

/** Cells that break things: quotes, separators, line breaks, formulas, non-BMP text, huge numbers. */
const nastyCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '\t',
    '=1+1',
    '-2',
    '@x',
    '😀',
    '２０２６年３月５日',
    '1e400',
    '-0',
    ' ',
    '\u0000',
  ),
);

describe('random and mangled CSV', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('never crashes the ingester; a batch either fails cleanly or accepted + rejected = rows read', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constant(recordRow()),
            fc.array(nastyCell, { minLength: 0, maxLength: 20 }),
            fc.tuple(fc.nat(16), nastyCell).map(([i, v]) => {
              const row = recordRow({ record_id: `M${i}` });
              row[i % row.length] = v;
              return row;
            }),
          ),
          { maxLength: 12 },
        ),
        fc.boolean(),
        async (rows, truncate) => {
          let csv = serviceRecordsCsv(rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))));
          if (truncate) csv = csv.slice(0, Math.max(0, csv.length - 7));
          const batchId = `p${n++}`;
          const key = await h.land('service_records', 'futian', batchId, 'fuzz.csv', csv);
          const outcome = await ingestBatch(h.deps(), {
            key,
            receivedAt: `2026-10-02T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
          });
          expect(['COMPLETED', 'FAILED', 'DUPLICATE']).toContain(outcome.status);
          expect(outcome.received).toBe(outcome.accepted + outcome.rejected);
          expect(outcome.duplicates + outcome.corrections).toBeLessThanOrEqual(outcome.accepted);
          if (outcome.status === 'FAILED') expect(outcome.failure?.code).toBeDefined();
          if (outcome.status === 'COMPLETED' && !truncate) {
            const nonBlank = rows.filter((r) => r.some((c) => c.trim() !== '')).length;
            expect(outcome.received).toBeLessThanOrEqual(nonBlank);
          }
        },
      ),
      { numRuns: 40, seed: 20261101 },
    );
  });
});
