/**
 * Writes a generated dataset to files the way districts would upload them (CSV UTF-8 with and
 * without BOM, tab-separated, GBK, XLSX with date cells or text dates, JSON Lines), plus a
 * `manifest.json` listing the files in ingest order with their ground truth.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { DatasetName, GeneratedBatch, GeneratedDataset } from './model.ts';
import { type Cell, presentRows } from './present.ts';
import { normaliseZipTimestamps } from './zip-timestamps.ts';

/** A file written by {@link writeDataset}. */
export interface WrittenFile {
  /** Absolute path. */
  path: string;
  dataset: DatasetName;
  /** District slug, or `city` for federation-level datasets. */
  district: string;
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding?: 'utf-8' | 'gbk';
  /** Ingest order (1-based): reference data, registrations, service records, corrections last. */
  order: number;
  /** Data rows in the file. */
  rows: number;
}

/** Called after each file is written. */
export type WriteProgress = (file: WrittenFile, done: number, total: number) => void;

const SHEET_NAMES: Readonly<Record<DatasetName, string>> = {
  service_records: '服务记录',
  registrations: '义工注册',
  projects: '项目',
  contracts: '合同',
};

function csvField(value: Cell, delimiter: string): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r'))
    return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/**
 * Serialises a batch as CSV bytes in its style (delimiter, BOM, encoding).
 *
 * @example
 * const bytes = csvBytes(batch); // Buffer, GBK when batch.style.encoding === 'gbk'
 */
export function csvBytes(batch: GeneratedBatch): Buffer {
  const { headers, cells } = presentRows(batch.dataset, batch.rows, batch.style);
  const delimiter = batch.style.delimiter ?? ',';
  const eol = batch.style.bom || batch.style.encoding === 'gbk' ? '\r\n' : '\n';
  const lines = [headers.map((h) => csvField(h, delimiter)).join(delimiter)];
  for (const row of cells) lines.push(row.map((c) => csvField(c, delimiter)).join(delimiter));
  const text = lines.join(eol) + eol;
  if (batch.style.encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.from(batch.style.bom ? `\uFEFF${text}` : text, 'utf8');
}

/**
 * Serialises a batch as JSON Lines (English keys, empty values omitted).
 *
 * @example
 * jsonlBytes(batch).toString().split('\n')[0]; // '{"record_id":"NS2024000001",…}'
 */
export function jsonlBytes(batch: GeneratedBatch): Buffer {
  const { keys, cells } = presentRows(batch.dataset, batch.rows, batch.style);
  const lines = cells.map((row) => {
    const object: Record<string, string | number> = {};
    row.forEach((cell, i) => {
      if (cell !== null) object[keys[i] as string] = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
    });
    return JSON.stringify(object);
  });
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/**
 * Serialises a batch as an XLSX workbook (one sheet), reproducibly.
 *
 * @example
 * const bytes = await xlsxBytes(batch, '2026-06-30');
 */
export async function xlsxBytes(batch: GeneratedBatch, asOf: string): Promise<Buffer> {
  const { headers, cells } = presentRows(batch.dataset, batch.rows, batch.style);
  const stamp = new Date(`${asOf}T00:00:00Z`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'redvest generate';
  workbook.lastModifiedBy = 'redvest generate';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet(SHEET_NAMES[batch.dataset]);
  sheet.addRow(headers);
  for (const row of cells) sheet.addRow(row);
  headers.forEach((_, i) => {
    if (cells.some((row) => row[i] instanceof Date)) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  const buffer = Buffer.from(
    await workbook.xlsx.writeBuffer({
      zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
    } as ExcelJS.XlsxWriteOptions),
  );
  return normaliseZipTimestamps(buffer, stamp);
}

/** File name of a batch: order, name and extension, all ASCII. */
function fileName(batch: GeneratedBatch, order: number): string {
  const extension = batch.style.format === 'xlsx' ? 'xlsx' : batch.style.format === 'jsonl' ? 'jsonl' : 'csv';
  return `${String(order).padStart(2, '0')}-${batch.name}.${extension}`;
}

/**
 * Writes every batch of a dataset to `outDir` and a `manifest.json` listing the files in
 * ingest order, with the rows made bad and the corrections of each file.
 *
 * @example
 * const files = await writeDataset(generateDataset({ asOf: '2026-06-30', seed: 1 }), '.redvest/generated');
 * files[0].dataset; // 'projects'
 */
export async function writeDataset(
  dataset: GeneratedDataset,
  outDir: string,
  onProgress?: WriteProgress,
): Promise<WrittenFile[]> {
  await mkdir(outDir, { recursive: true });
  const files: WrittenFile[] = [];
  const manifestFiles: unknown[] = [];
  for (const [i, batch] of dataset.batches.entries()) {
    const order = i + 1;
    const name = fileName(batch, order);
    const format = batch.style.format;
    const bytes =
      format === 'csv' ? csvBytes(batch) : format === 'jsonl' ? jsonlBytes(batch) : await xlsxBytes(batch, dataset.options.asOf);
    const filePath = path.join(path.resolve(outDir), name);
    await writeFile(filePath, bytes);
    const file: WrittenFile = {
      path: filePath,
      dataset: batch.dataset,
      district: batch.district,
      format,
      ...(format === 'csv' ? { encoding: batch.style.encoding ?? 'utf-8' } : {}),
      order,
      rows: batch.rows.length,
    };
    files.push(file);
    const firstDataRow = format === 'jsonl' ? 1 : 2;
    manifestFiles.push({
      ...file,
      path: name,
      phase: batch.phase,
      bad_rows: dataset.truth.badRows
        .filter((b) => b.batch === batch.name)
        .map((b) => ({ row: b.index + firstDataRow, record_id: b.record_id, kind: b.kind, column: b.column })),
      corrections: dataset.truth.corrections
        .filter((c) => c.batch === batch.name)
        .map(({ record_id, kind, from_month, to_month }) => ({ record_id, kind, from_month, to_month })),
    });
    onProgress?.(file, order, dataset.batches.length);
  }
  const manifest = {
    generator: 'redvest generate',
    options: dataset.options,
    volunteers: dataset.truth.volunteers,
    linked_volunteers: dataset.truth.linkedVolunteers,
    files: manifestFiles,
  };
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}
