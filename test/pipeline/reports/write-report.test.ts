import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../../adapters/config.ts';
import type { QueryEngine } from '../../../adapters/ports.ts';
import { XLSX_SHEETS } from '../../../pipeline/reports/render/report-xlsx.ts';
import { parseReportJson, verifyReport } from '../../../pipeline/reports/verify-report.ts';
import { writeReport, writeReportsForLastQuarter } from '../../../pipeline/reports/write-report.ts';
import { openInMemoryDuckDb } from '../../support/duckdb-query-engine.ts';
import { buildReportLake, CONTRACT_ID, generateServiceRecords, loadReportLake } from './support/report-lake.ts';

let engine: QueryEngine;
let dir: string;
let reports: FsBlobStore;

beforeAll(async () => {
  engine = await openInMemoryDuckDb();
  await loadReportLake(engine, buildReportLake());
  dir = await mkdtemp(path.join(tmpdir(), 'redvest-reports-'));
  reports = new FsBlobStore(fileUrl(dir));
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes html, xlsx and json under {contract}/{period}/', async () => {
    const written = await writeReport({ engine, reports, pdf: false }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    expect(written.prefix).toBe(`${CONTRACT_ID}/2026-Q3/`);
    const keys = (await reports.list(`${CONTRACT_ID}/2026-Q3/`)).map((e) => e.key).sort();
    expect(keys).toEqual(['report.html', 'report.json', 'report.xlsx'].map((k) => `${CONTRACT_ID}/2026-Q3/${k}`));

    const html = new TextDecoder().decode(await reports.get(`${CONTRACT_ID}/2026-Q3/report.html`));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(CONTRACT_ID);
    expect(html).toContain('合同目标与交付');
    expect(html).toContain('@page { size: A4');
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).not.toContain('<script');
    expect(html).toContain('>&lt;5<'); // nanshan's suppressed volunteer count

    const report = parseReportJson(new TextDecoder().decode(await reports.get(`${CONTRACT_ID}/2026-Q3/report.json`)));
    expect(report.figures).toEqual(written.model.figures);
  });

  it('the XLSX opens with exceljs and holds the same figures, numbers as numbers', async () => {
    const written = await writeReport({ engine, reports, pdf: false }, { contractId: CONTRACT_ID, period: '2026-Q3' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reports.get(`${CONTRACT_ID}/2026-Q3/report.xlsx`)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(XLSX_SHEETS));

    const figures = workbook.getWorksheet(XLSX_SHEETS.figures)!;
    const fromSheet = new Map<string, unknown>();
    figures.eachRow((row, n) => {
      if (n > 1) fromSheet.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(fromSheet.size).toBe(Object.keys(written.model.figures).length);
    for (const [id, value] of Object.entries(written.model.figures)) expect(fromSheet.get(id), id).toBe(value);

    const summary = workbook.getWorksheet(XLSX_SHEETS.summary)!;
    let hoursRow: ExcelJS.Row | undefined;
    summary.eachRow((row) => {
      if (String(row.getCell(1).value).includes('Service hours')) hoursRow = row;
    });
    expect(typeof hoursRow!.getCell(3).value).toBe('number');
    expect(hoursRow!.getCell(3).value).toBe(written.model.delivery.service_hours);
    expect(hoursRow!.getCell(2).value).toBe(written.model.delivery.target_hours);

    const districts = workbook.getWorksheet(XLSX_SHEETS.districts)!;
    const cells = new Map<string, unknown>();
    districts.eachRow((row, n) => {
      if (n > 1) cells.set(String(row.getCell(1).value), row.getCell(6).value);
    });
    expect(cells.get('nanshan')).toBe('<5');
    expect(cells.get('futian')).toBe(written.model.figures['district.futian.active_volunteers']);
  });

  it('writes every contract of the last complete quarter', async () => {
    const result = await writeReportsForLastQuarter({ engine, reports, pdf: false }, '2026-10-08');
    expect(result.period).toBe('2026-Q3');
    expect(result.written.map((w) => w.contractId)).toEqual(['EP-2026-002', CONTRACT_ID]);
    expect(result.failed).toEqual([]);
    expect(await reports.exists('EP-2026-002/2026-Q3/report.json')).toBe(true);
  });
});

describe('verifyReport', () => {
  it('holds on unchanged data and names the figures a correction batch changed', async () => {
    const own = await openInMemoryDuckDb();
    try {
      const records = generateServiceRecords();
      await loadReportLake(own, buildReportLake(records));
      const written = await writeReport({ engine: own, reports, pdf: false }, { contractId: CONTRACT_ID, period: '2026-Q3' });
      const report = parseReportJson(new TextDecoder().decode(await reports.get(`${written.prefix}report.json`)));

      const unchanged = await verifyReport({ engine: own }, report);
      expect(unchanged.holds).toBe(true);
      expect(unchanged.checked).toBe(Object.keys(report.figures).length);

      // A correction batch: a new version of one approved futian record in August, with 2 more hours.
      const index = records.findIndex(
        (r) => r.status === 'approved' && r.district === 'futian' && String(r.service_date).startsWith('2026-08'),
      );
      const old = records[index]!;
      records[index] = { ...old, hours: Number(old.hours) + 2, batch_id: 'b-futian-3', row_hash: 'h-corrected' };
      await loadReportLake(own, buildReportLake(records));

      const after = await verifyReport({ engine: own }, report);
      expect(after.holds).toBe(false);
      const ids = after.changed.map((c) => c.id);
      expect(ids).toContain('delivery.service_hours');
      expect(ids).toContain('trend.2026-08.service_hours');
      expect(ids).toContain('district.futian.service_hours');
      expect(ids).toContain('lineage.b-futian-3.records');
      expect(ids).not.toContain('trend.2026-07.service_hours');
      const hours = after.changed.find((c) => c.id === 'delivery.service_hours')!;
      expect(hours.now).toBeCloseTo(Number(hours.reported) + 2, 2);
    } finally {
      await own.close();
    }
  });

  it('rejects a file that is not a report', () => {
    expect(() => parseReportJson('{"format":"x"}')).toThrow(/redvest-report\/1/);
    expect(() => parseReportJson('not json')).toThrow(/JSON/);
  });
});
