/**
 * Opens an upload in whichever format it is: XLSX by its zip signature, JSON Lines when its
 * first character is `{`, CSV otherwise (old binary `.xls` is refused).
 */
import { createReadStream } from 'node:fs';
import type { Dataset } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { type CsvReadOptions, openCsv } from './csv.ts';
import { openJsonLines } from './jsonl.ts';
import type { FileFormat, ParsedFile } from './parsed-row.ts';
import { openXlsx } from './xlsx.ts';

/**
 * Chooses the format from the first bytes (and the file name for `.xls`).
 *
 * @example
 * detectFormat(Buffer.from('PK\x03\x04'), 'a.xlsx'); // 'xlsx'
 */
export function detectFormat(head: Uint8Array, fileName: string): FileFormat {
  const lower = fileName.toLowerCase();
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
    throw new IngestFileError('UNSUPPORTED_FORMAT', 'legacy .xls');
  if (lower.endsWith('.xlsx')) throw new IngestFileError('FILE_UNREADABLE', 'not a zip archive');
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x7b /* { */ || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return 'csv';
}

/**
 * The format of a local copy of an upload.
 *
 * @example
 * await uploadFormat('/tmp/b1/records.csv', 'records.csv'); // 'csv'
 */
export async function uploadFormat(path: string, fileName: string): Promise<FileFormat> {
  return detectFormat(await readHead(path), fileName);
}

/**
 * Opens a local copy of an upload. `options.columns` lets a CSV read only some columns
 * (other formats read them all).
 *
 * @example
 * const file = await openUpload('/tmp/b1/records.csv', 'records.csv', DATASETS.service_records, config.limits);
 */
export async function openUpload(
  path: string,
  fileName: string,
  dataset: Pick<Dataset<unknown>, 'columns' | 'table'>,
  limits: { maxXlsxInflatedBytes: number },
  options: CsvReadOptions = {},
): Promise<ParsedFile> {
  const format = await uploadFormat(path, fileName);
  if (format === 'xlsx') return openXlsx(path, dataset, { maxInflatedBytes: limits.maxXlsxInflatedBytes });
  const stream = uploadStream(path);
  return format === 'jsonl' ? openJsonLines(stream, dataset) : openCsv(stream, dataset, options);
}

/**
 * A byte stream of a local copy of an upload, in the reads parsers expect.
 *
 * @example
 * const text = await openCsvText(uploadStream(path), dataset);
 */
export function uploadStream(path: string): ReturnType<typeof createReadStream> {
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

async function readHead(path: string): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, 64, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
