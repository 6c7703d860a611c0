import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl, loadConfig } from '../../../adapters/config.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { formatFigure } from '../../../pipeline/reports/render/format.ts';
import { DEFAULT_CHROMIUM_PATH } from '../../../pipeline/reports/render/report-pdf.ts';
import { type WrittenReport, writeReport } from '../../../pipeline/reports/write-report.ts';
import { buildReportLake, CONTRACT_ID, loadReportLake } from '../../pipeline/reports/support/report-lake.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';

const run = promisify(execFile);
const chromiumPath = loadConfig().chromiumPath ?? DEFAULT_CHROMIUM_PATH;
const resultsDir = path.resolve('test-results', 'reports');

let engine: QueryEngine;
let dir: string;
let reports: FsBlobStore;
let written: WrittenReport;

beforeAll(async () => {
  engine = await openInMemoryDuckDb();
  await loadReportLake(engine, buildReportLake());
  dir = await mkdtemp(path.join(tmpdir(), 'redvest-report-e2e-'));
  reports = new FsBlobStore(fileUrl(dir));
  written = await writeReport({ engine, reports, chromiumPath }, { contractId: CONTRACT_ID, period: '2026-Q3' });
  await mkdir(resultsDir, { recursive: true });
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('impact report in Chromium', () => {
  it('the HTML renders with no console errors (screenshot saved)', async () => {
    const html = new TextDecoder().decode(await reports.get(`${written.prefix}report.html`));
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
      const file = path.join(dir, 'report.html');
      await writeFile(file, html);
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      expect(await page.title()).toContain(CONTRACT_ID);
      expect(await page.locator('svg').count()).toBe(4);
      // The SVG charts have real size and the delivered hours are visible in the summary.
      const box = await page.locator('#trend svg').boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      await expect
        .poll(() => page.locator('#delivery strong').first().textContent())
        .toBe(formatFigure(written.model.delivery.service_hours));
      await page.screenshot({ path: path.join(resultsDir, `${CONTRACT_ID}-2026-Q3.png`), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the PDF is A4 and its text holds the contract id and the delivered hours', async () => {
    expect(written.pdfSkipped).toBeUndefined();
    const pdf = await reports.get(`${written.prefix}report.pdf`);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const file = path.join(resultsDir, `${CONTRACT_ID}-2026-Q3.pdf`);
    await writeFile(file, pdf);
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain(CONTRACT_ID);
    expect(text).toContain(formatFigure(written.model.delivery.service_hours));
    expect(text).toContain('购买服务成效报告');
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:.*\(A4\)/);
  });
});
