import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestFileError } from '../../../../pipeline/ingest/file-error.ts';
import { openCsv } from '../../../../pipeline/ingest/parse/csv.ts';
import { detectEncoding } from '../../../../pipeline/ingest/parse/decode.ts';
import { openUpload } from '../../../../pipeline/ingest/parse/open-file.ts';
import type { ParsedRow } from '../../../../pipeline/ingest/parse/parsed-row.ts';
import { checkInflatedSize } from '../../../../pipeline/ingest/parse/xlsx.ts';
import { DATASETS } from '../../../../schemas/datasets/index.ts';

const sr = DATASETS.service_records;
const limits = { maxXlsxInflatedBytes: 10 * 1024 * 1024 };

async function collect(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('parsers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-parse-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads GBK CSV with Chinese headers, drops personal columns and numbers rows as a spreadsheet does', async () => {
    const text = '记录编号,姓名,服务日期,服务时长,备注\r\nR1,张三,2026年3月5日,2\r\n\r\nR2,李四,2026/3/6,"1.5",x\r\n';
    const file = await openCsv(Readable.from([iconv.encode(text, 'gbk')]), sr);
    expect(file.encoding).toBe('gb18030');
    expect(file.header.personal).toEqual(['姓名']);
    expect(file.header.unknown).toEqual(['备注']);
    expect(file.header.missing).toContain('volunteer_id');
    const rows = await collect(file.rows);
    expect(rows).toEqual([
      { rowNumber: 2, cells: { record_id: 'R1', service_date: '2026年3月5日', hours: '2' } },
      { rowNumber: 4, cells: { record_id: 'R2', service_date: '2026/3/6', hours: '1.5' } },
    ]);
  });

  it('reads UTF-8 with BOM, tab-separated', async () => {
    const text = '\uFEFFrecord_id\tservice_date\thours\nR1\t2026-03-05\t2\n';
    const file = await openCsv(Readable.from([Buffer.from(text, 'utf8')]), sr);
    expect(file.encoding).toBe('utf8');
    expect(await collect(file.rows)).toEqual([
      { rowNumber: 2, cells: { record_id: 'R1', service_date: '2026-03-05', hours: '2' } },
    ]);
  });

  it('detects UTF-8 even when the sample ends inside a character, GBK otherwise', () => {
    const utf8 = Buffer.from('服务日期', 'utf8');
    expect(detectEncoding(utf8.subarray(0, utf8.length - 1))).toBe('utf8');
    expect(detectEncoding(iconv.encode('服务日期', 'gbk'))).toBe('gb18030');
  });

  it('reads XLSX date cells, text dates, time cells and numbers from the first sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('记录');
    sheet.addRow(['记录编号', '服务日期', '开始时间', '服务时长', '姓名']);
    sheet.addRow(['R1', new Date(Date.UTC(2026, 2, 5)), new Date(Date.UTC(1899, 11, 30, 9, 30)), 2.5, '张三']);
    sheet.addRow(['R2', '2026/3/6', '10:00', '1', '李四']);
    sheet.addRow(['R3', 46000, null, 3, null]);
    sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
    sheet.getCell('C2').numFmt = 'hh:mm';
    workbook.addWorksheet('other').addRow(['ignored']);
    const file = path.join(dir, 'records.xlsx');
    await workbook.xlsx.writeFile(file);
    const parsed = await openUpload(file, 'records.xlsx', sr, limits);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.header.personal).toEqual(['姓名']);
    expect(await collect(parsed.rows)).toEqual([
      { rowNumber: 2, cells: { record_id: 'R1', service_date: '2026-03-05', start_time: '09:30', hours: '2.5' } },
      { rowNumber: 3, cells: { record_id: 'R2', service_date: '2026/3/6', start_time: '10:00', hours: '1' } },
      { rowNumber: 4, cells: { record_id: 'R3', service_date: '2025-12-09', hours: '3' } },
    ]);
  });

  it('refuses an XLSX that declares more inflated bytes than the limit', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('big');
    for (let i = 0; i < 2000; i++) sheet.addRow([`R${i}`, '2026-03-05', 'x'.repeat(200)]);
    const file = path.join(dir, 'big.xlsx');
    await workbook.xlsx.writeFile(file);
    const inflated = await checkInflatedSize(file, 100 * 1024 * 1024);
    const stat = await fs.stat(file);
    expect(inflated).toBeGreaterThan(stat.size);
    const error = await checkInflatedSize(file, Math.floor(inflated / 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestFileError);
    expect((error as IngestFileError).code).toBe('XLSX_TOO_LARGE');
  });

  it('reads JSON Lines with numbers and strings, numbering by line', async () => {
    const file = path.join(dir, 'records.jsonl');
    await fs.writeFile(
      file,
      '{"记录编号":"R1","服务时长":2.5,"受益人数":3,"手机":"13800000000"}\n\n{"record_id":"R2","hours":"1","beneficiaries":null}\n',
    );
    const parsed = await openUpload(file, 'records.jsonl', sr, limits);
    expect(parsed.format).toBe('jsonl');
    expect(parsed.header.personal).toEqual(['手机']);
    expect(await collect(parsed.rows)).toEqual([
      { rowNumber: 1, cells: { record_id: 'R1', hours: '2.5', beneficiaries: '3' } },
      { rowNumber: 3, cells: { record_id: 'R2', hours: '1' } },
    ]);
  });

  it('fails a JSON Lines file with a line that is not an object', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await fs.writeFile(file, '{"record_id":"R1"}\n[1,2]\n');
    const parsed = await openUpload(file, 'bad.jsonl', sr, limits);
    const error = await collect(parsed.rows).catch((e: unknown) => e);
    expect((error as IngestFileError).code).toBe('FILE_UNREADABLE');
  });

  it('refuses legacy .xls and a fake .xlsx', async () => {
    const xls = path.join(dir, 'old.xls');
    await fs.writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(openUpload(xls, 'old.xls', sr, limits)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    const fake = path.join(dir, 'fake.xlsx');
    await fs.writeFile(fake, 'record_id\nR1\n');
    await expect(openUpload(fake, 'fake.xlsx', sr, limits)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
