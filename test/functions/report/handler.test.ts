import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { createReportHandler, type ReportHandlerDeps } from '../../../functions/report/handler.ts';
import { buildReportLake, CONTRACT_ID, loadReportLake } from '../../pipeline/reports/support/report-lake.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';

const context = {
  functionName: 'report',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:report',
  memoryLimitInMB: '1024',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

describe('report handler', () => {
  let dir: string;
  let engine: QueryEngine;
  let reports: FsBlobStore;
  let deps: ReportHandlerDeps;
  const logger = new Logger({ serviceName: 'report', logLevel: 'ERROR' });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rv-report-handler-'));
    engine = await openInMemoryDuckDb();
    await loadReportLake(engine, buildReportLake());
    reports = new FsBlobStore(fileUrl(dir));
    deps = {
      writer: { engine, reports, pdf: false },
      today: () => '2026-10-08',
      link: async (key) => `https://signed.example/${key}`,
    };
  });
  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('on demand writes one report and returns a link to it', async () => {
    const handle = createReportHandler(async () => deps, logger);
    const result = await handle({ contractId: CONTRACT_ID, period: '2026-08' }, context);
    expect(result.period).toBe('2026-08');
    expect(result.failed).toEqual([]);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]!.keys).toContain(`${CONTRACT_ID}/2026-08/report.json`);
    // No PDF printed: the link points at the HTML.
    expect(result.reports[0]!.link).toBe(`https://signed.example/${CONTRACT_ID}/2026-08/report.html`);
    expect(await reports.exists(`${CONTRACT_ID}/2026-08/report.xlsx`)).toBe(true);
  });

  it('on demand without a period reports the last complete quarter', async () => {
    const handle = createReportHandler(async () => deps, logger);
    const result = await handle({ contractId: CONTRACT_ID }, context);
    expect(result.period).toBe('2026-Q3');
  });

  it('an unknown contract is reported as failed, not thrown', async () => {
    const handle = createReportHandler(async () => deps, logger);
    const result = await handle({ contractId: 'NOPE-9', period: '2026-Q3' }, context);
    expect(result.reports).toEqual([]);
    expect(result.failed[0]).toMatchObject({ contractId: 'NOPE-9' });
    expect(result.failed[0]!.error).toMatch(/unknown contract/);
  });

  it('scheduled (no contract) writes every contract of the last complete quarter', async () => {
    const handle = createReportHandler(async () => deps, logger);
    const result = await handle({ today: '2027-01-03' }, context);
    expect(result.period).toBe('2026-Q4');
    expect(result.reports.map((r) => r.contractId)).toEqual(['EP-2026-002', CONTRACT_ID]);
    expect(await reports.exists(`${CONTRACT_ID}/2026-Q4/report.html`)).toBe(true);
  });
});
