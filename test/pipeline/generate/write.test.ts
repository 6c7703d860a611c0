import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDataset,
  type ServiceRecordRow,
  type WrittenFile,
  writeDataset,
  writeServiceRecordsCsv,
} from '../../../pipeline/generate/index.ts';

const asOf = '2026-06-30';
const options = { asOf, seed: 5, records: 1500 };
let dirA = '';
let dirB = '';
let files: WrittenFile[] = [];
const dataset = generateDataset(options);

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(path.join(dir, name)))
      .digest('hex');
  return out;
}

function batchOf(file: WrittenFile) {
  const name = path
    .basename(file.path)
    .replace(/^\d+-/, '')
    .replace(/\.\w+$/, '');
  const batch = dataset.batches.find((b) => b.name === name);
  if (batch === undefined) throw new Error(`no batch for ${file.path}`);
  return batch;
}

beforeAll(async () => {
  dirA = await mkdtemp(path.join(tmpdir(), 'rv-gen-a-'));
  dirB = await mkdtemp(path.join(tmpdir(), 'rv-gen-b-'));
  files = await writeDataset(dataset, dirA);
  await writeDataset(generateDataset(options), dirB);
});

afterAll(async () => {
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe('writeDataset', () => {
  it('writes byte-identical files (XLSX included) for the same arguments', async () => {
    const a = await hashes(dirA);
    expect(Object.keys(a)).toHaveLength(files.length + 1);
    expect(Object.keys(a).some((name) => name.endsWith('.xlsx'))).toBe(true);
    expect(await hashes(dirB)).toEqual(a);
  });

  it('lists files in ingest order in manifest.json, with ASCII names', async () => {
    const manifest = JSON.parse(await readFile(path.join(dirA, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(files.map((f) => path.basename(f.path)));
    expect(files.map((f) => f.order)).toEqual(files.map((_, i) => i + 1));
    for (const file of files) expect(path.basename(file.path)).toMatch(/^[\x20-\x7e]+$/);
    expect(files.slice(0, 2).map((f) => f.dataset)).toEqual(['projects', 'contracts']);
    const badInManifest = manifest.files.reduce((n: number, f: { bad_rows: unknown[] }) => n + f.bad_rows.length, 0);
    expect(badInManifest).toBe(dataset.truth.badRows.length);
  });

  it('mixes formats and encodings across districts', () => {
    const kinds = new Set(files.filter((f) => f.dataset === 'service_records').map((f) => `${f.format}:${f.encoding ?? ''}`));
    expect(kinds).toEqual(new Set(['csv:utf-8', 'csv:gbk', 'xlsx:', 'jsonl:']));
  });

  it('writes GBK CSV that iconv-lite decodes to the same rows', async () => {
    const file = files.find((f) => f.encoding === 'gbk' && f.dataset === 'service_records') as WrittenFile;
    const bytes = await readFile(file.path);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const records: Record<string, string>[] = parse(iconv.decode(bytes, 'gbk'), { columns: true });
    const rows = batchOf(file).rows as ServiceRecordRow[];
    expect(records).toHaveLength(rows.length);
    expect(records.map((r) => r['记录编号'])).toEqual(rows.map((r) => r.record_id));
    expect(records.map((r) => r['社区'] ?? '')).toEqual(rows.map((r) => r.community));
    expect(records.map((r) => r['姓名'] ?? '')).toEqual(rows.map((r) => r.name));
  });

  it('writes UTF-8 CSV with a BOM and Chinese headers, and a tab-separated one', async () => {
    const bom = files.find((f) => f.district === 'luohu' && f.dataset === 'service_records') as WrittenFile;
    const text = await readFile(bom.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toContain('服务日期');
    const tsv = files.find((f) => f.district === 'yantian' && f.dataset === 'service_records') as WrittenFile;
    const records: Record<string, string>[] = parse(await readFile(tsv.path, 'utf8'), { columns: true, delimiter: '\t' });
    expect(records.map((r) => r['记录编号'])).toEqual((batchOf(tsv).rows as ServiceRecordRow[]).map((r) => r.record_id));
    expect(Object.keys(records[0] ?? {})).toContain('服务时长(小时)');
  });

  it('writes XLSX with real date cells for valid dates', async () => {
    const file = files.find((f) => f.district === 'futian' && f.dataset === 'service_records') as WrittenFile;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file.path);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const dateColumn = headers.indexOf('服务日期') + 1;
    expect(dateColumn).toBeGreaterThan(0);
    const rows = batchOf(file).rows as ServiceRecordRow[];
    expect(sheet.rowCount).toBe(rows.length + 1);
    let dateCells = 0;
    rows.forEach((row, i) => {
      const value = sheet.getRow(i + 2).getCell(dateColumn).value;
      if (/^\d{4}-\d{2}-\d{2}$/.test(row.service_date) && value instanceof Date) {
        expect(value.toISOString().slice(0, 10)).toBe(row.service_date);
        dateCells++;
      }
    });
    expect(dateCells).toBeGreaterThan(rows.length * 0.9);
  });

  it('writes JSON Lines with hours as numbers in one district and numeric strings in another', async () => {
    const jsonl = files.filter((f) => f.format === 'jsonl' && f.dataset === 'service_records');
    const types = new Set<string>();
    for (const file of jsonl) {
      const lines = (await readFile(file.path, 'utf8')).trimEnd().split('\n');
      const rows = batchOf(file).rows as ServiceRecordRow[];
      expect(lines).toHaveLength(rows.length);
      lines.forEach((line, i) => {
        const object = JSON.parse(line);
        expect(object.record_id ?? '').toBe(rows[i]?.record_id);
        if (object.hours !== undefined && /^\d+(\.\d+)?$/.test(String(object.hours))) types.add(typeof object.hours);
      });
    }
    expect(types).toEqual(new Set(['number', 'string']));
  });
});

describe('writeServiceRecordsCsv', () => {
  it('streams a large valid CSV deterministically', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rv-gen-big-'));
    try {
      const a = path.join(dir, 'a.csv');
      const b = path.join(dir, 'b.csv');
      const result = await writeServiceRecordsCsv({ path: a, rows: 5000, seed: 2, district: 'nanshan', asOf });
      await writeServiceRecordsCsv({ path: b, rows: 5000, seed: 2, district: 'nanshan', asOf });
      const bytes = await readFile(a);
      expect(result.bytes).toBe(bytes.length);
      expect(bytes.equals(await readFile(b))).toBe(true);
      const records: Record<string, string>[] = parse(bytes, { columns: true });
      expect(records).toHaveLength(5000);
      expect(new Set(records.map((r) => r.record_id)).size).toBe(5000);
      for (const record of records) {
        expect(record.district).toBe('nanshan');
        expect((record.service_date ?? '') <= asOf).toBe(true);
        expect(record.contract_id).toBe('');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
