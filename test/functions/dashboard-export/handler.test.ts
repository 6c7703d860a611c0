import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { createDashboardExportHandler } from '../../../functions/dashboard-export/handler.ts';
import type { IndexPayload } from '../../../pipeline/dashboard-export/payloads.ts';
import { loadAggregateTables } from '../../dashboards/support/aggregate-tables.ts';
import { monthsEnding, syntheticAggregates } from '../../dashboards/support/synthetic-aggregates.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';

const context = {
  functionName: 'dashboard-export',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:dashboard-export',
  memoryLimitInMB: '512',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

describe('dashboard-export handler', () => {
  let dir: string;
  let engine: QueryEngine;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rv-dash-handler-'));
    engine = await openInMemoryDuckDb();
    await loadAggregateTables(engine, syntheticAggregates(monthsEnding('2026-11', 3)));
  });

  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports the dashboard data through its dependencies and reports what it wrote', async () => {
    const site = new FsBlobStore(fileUrl(dir));
    const handler = createDashboardExportHandler(
      async () => ({ engine: async () => engine, site, suppressBelow: 5 }),
      new Logger({ serviceName: 'dashboard-export', logLevel: 'ERROR' }),
      new Metrics({ namespace: 'Redvest', serviceName: 'dashboard-export', singleMetric: false }),
    );
    const result = await handler({}, context);
    // 3 months (Sep–Nov) + 2 quarters (Q3, Q4) + 1 year, 5 pages each, plus the index.
    expect(result).toMatchObject({ files: 6 * 5 + 1, periods: 6 });
    expect(result.suppressedCells).toBeGreaterThan(0);
    const index = JSON.parse(Buffer.from(await site.get('data/index.json')).toString('utf8')) as IndexPayload;
    expect(index.periods).toEqual({ month: ['2026-09', '2026-10', '2026-11'], quarter: ['2026-Q3', '2026-Q4'], year: ['2026'] });
  });
});
