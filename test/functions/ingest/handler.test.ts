import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ObjectCreatedEvent } from '../../../functions/commons/s3-event-keys.ts';
import { createIngestHandler } from '../../../functions/ingest/handler.ts';
import { CONTRACTS_CSV, ID_A, ID_B, NAME_A, PHONE_A, recordRow, serviceRecordsCsv } from '../../pipeline/ingest/fixtures.ts';
import { type Harness, readTree, scanAll, startHarness } from '../../pipeline/ingest/harness.ts';

const context = { functionName: 'ingest', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

function capture(): { lines: string[]; console: Console } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, console: new Console({ stdout: sink, stderr: sink }) };
}

describe('ingest handler', () => {
  let h: Harness;
  const out = capture();
  let logger: Logger;
  let metrics: Metrics;
  beforeAll(async () => {
    h = await startHarness();
    logger = new Logger({ serviceName: 'ingest', logLevel: 'DEBUG' });
    metrics = new Metrics({ namespace: 'Redvest', serviceName: 'ingest' });
    (logger as unknown as { console: Console }).console = out.console;
    (metrics as unknown as { console: Console }).console = out.console;
  });
  afterAll(() => h.close());

  it('ingests S3-shaped events and SQS-wrapped notifications, reporting failed messages only', async () => {
    const handle = createIngestHandler(async () => h.deps(), logger, metrics);
    const contractsKey = await h.land('contracts', 'city', 'c-1', '合同 2026.csv', CONTRACTS_CSV);
    const direct = await handle(s3ObjectCreatedEvent('landing', contractsKey, 10), context);
    expect(direct.outcomes).toMatchObject([{ batch_id: 'c-1', status: 'COMPLETED', accepted: 2 }]);

    const csv = serviceRecordsCsv([
      recordRow({ record_id: 'A' }),
      recordRow({ record_id: 'B', volunteer_id: ID_B, community: '=HYPERLINK("x")' }),
      recordRow({ record_id: 'C', volunteer_id: `${ID_A.slice(0, 17)}0` }),
    ]);
    const good = await h.land('service_records', 'futian', 'b-1', 'records.csv', csv);
    const sqs: SQSEvent = {
      Records: [
        { messageId: 'm1', body: JSON.stringify(s3ObjectCreatedEvent('landing', good, csv.length)), eventSource: 'aws:sqs' },
        {
          messageId: 'm2',
          body: JSON.stringify(s3ObjectCreatedEvent('landing', 'landing/projects/district=city/batch=gone/p.csv', 1)),
          eventSource: 'aws:sqs',
        },
        { messageId: 'm3', body: 'not json', eventSource: 'aws:sqs' },
      ] as SQSEvent['Records'],
    };
    // m2's object does not exist: the batch fails cleanly (FILE_UNREADABLE), nothing to retry.
    const result = await handle(sqs, context);
    expect(result.batchItemFailures).toEqual([]);
    expect(result.outcomes.map((o) => [o.batch_id, o.status])).toEqual([
      ['b-1', 'COMPLETED'],
      ['gone', 'FAILED'],
    ]);
    expect(result.outcomes[0]).toMatchObject({ received: 3, accepted: 2, rejected: 1 });

    // An internal error (the ops store down) is a batch item failure for that message alone.
    const broken = createIngestHandler(
      async () => h.deps({ ops: { ...h.ops, get: async () => Promise.reject(new Error(`boom ${ID_A}`)) } as never }),
      logger,
      metrics,
    );
    const retry = await broken(
      {
        Records: [{ messageId: 'm9', body: JSON.stringify(s3ObjectCreatedEvent('landing', good, 1)), eventSource: 'aws:sqs' }],
      } as SQSEvent,
      context,
    );
    expect(retry.batchItemFailures).toEqual([{ itemIdentifier: 'm9' }]);

    // Personal data appears nowhere: objects, items, log lines; landing is empty.
    const secrets = [ID_A, ID_B, NAME_A, PHONE_A, `${ID_A.slice(0, 17)}0`];
    const objects = [...(await readTree(h.dir)).entries()].filter(([name]) => !name.startsWith('landing/'));
    expect(objects.length).toBeGreaterThan(2);
    for (const [name, body] of objects) {
      const text = name.endsWith('.parquet') ? body.toString('latin1') + body.toString('utf8') : body.toString('utf8');
      for (const secret of secrets) expect(text, `${name} holds personal data`).not.toContain(secret);
    }
    const items = JSON.stringify(await scanAll(h));
    for (const secret of secrets) expect(items).not.toContain(secret);
    const logs = out.lines.join('');
    expect(logs).toContain('batch outcome');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(await h.stores.landing.list('')).toEqual([]);
    const report = Buffer.from(
      await h.stores.rejects.get('rejects/service_records/district=futian/batch=b-1/errors.csv'),
    ).toString();
    expect(report).toContain('ID_NUMBER_CHECKSUM');
  });
});
