/**
 * XLSX reading: the first worksheet, streamed with exceljs' WorkbookReader, after a zip-bomb
 * guard that sums the declared uncompressed sizes in the zip's central directory (yauzl).
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { type Dataset, mapHeaders } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { cellKinds, isBlankRow, rowFromPositions } from './header-cells.ts';
import { type ParsedFile, type ParsedRow, rowsInGroups } from './parsed-row.ts';

/**
 * Sums the uncompressed sizes the zip declares; throws `XLSX_TOO_LARGE` past `limit` and
 * `FILE_UNREADABLE` when the file is not a zip.
 *
 * @example
 * await checkInflatedSize('/tmp/upload.xlsx', 1024 ** 3);
 */
export async function checkInflatedSize(file: string, limit: number): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, z) => (error || !z ? reject(error) : resolve(z))),
  ).catch(() => {
    throw new IngestFileError('FILE_UNREADABLE', 'not a zip archive');
  });
  return new Promise<number>((resolve, reject) => {
    let total = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > limit) {
        zip.close();
        reject(new IngestFileError('XLSX_TOO_LARGE', `> ${limit} bytes`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(total));
    zip.on('error', () => reject(new IngestFileError('FILE_UNREADABLE', 'corrupt zip archive')));
    zip.readEntry();
  });
}

/** The plain value of an exceljs cell value (rich text, formulas, hyperlinks, errors). */
export function plainCellValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('result' in v) return plainCellValue(v.result);
  if ('formula' in v || 'sharedFormula' in v) return undefined;
  if (typeof v.text === 'string') return v.text;
  if ('error' in v) return String(v.error);
  return undefined;
}

/**
 * Opens the first worksheet of an XLSX file on disk (after {@link checkInflatedSize}). Row
 * numbers are the sheet's own; the first non-blank row is the header.
 *
 * @example
 * const file = await openXlsx('/tmp/upload.xlsx', DATASETS.service_records, { maxInflatedBytes: 1024 ** 3 });
 */
export async function openXlsx(
  file: string,
  dataset: Pick<Dataset<unknown>, 'columns' | 'table'>,
  options: { maxInflatedBytes: number },
): Promise<ParsedFile> {
  await checkInflatedSize(file, options.maxInflatedBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const unreadable = (error: unknown): never => {
    if (error instanceof IngestFileError) throw error;
    throw new IngestFileError('FILE_UNREADABLE', error instanceof Error ? error.message.slice(0, 200) : undefined);
  };
  // exceljs' WorkbookReader yields worksheets, each an async iterable of rows.
  const sheets = (reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>)[Symbol.asyncIterator]();
  const sheet = await sheets.next().catch(unreadable);
  if (sheet.done) throw new IngestFileError('FILE_EMPTY');
  const sheetRows = sheet.value[Symbol.asyncIterator]();
  const values = (row: ExcelJS.Row): unknown[] => {
    const raw = row.values as unknown[];
    const out: unknown[] = [];
    for (let i = 1; i < raw.length; i++) out.push(plainCellValue(raw[i]));
    return out;
  };
  let headerValues: unknown[] | undefined;
  while (!headerValues) {
    const next = await sheetRows.next().catch(unreadable);
    if (next.done) throw new IngestFileError('FILE_EMPTY');
    const candidate = values(next.value);
    if (candidate.some((v) => v !== undefined && v !== null && String(v).trim() !== '')) headerValues = candidate;
  }
  const header = mapHeaders(
    dataset.columns,
    headerValues.map((v) => (v === undefined || v === null ? '' : String(v))),
  );
  const kinds = cellKinds(dataset);
  async function* rows(): AsyncGenerator<ParsedRow> {
    for (;;) {
      const next = await sheetRows.next().catch(unreadable);
      if (next.done) return;
      const cells = rowFromPositions(header, kinds, values(next.value));
      if (!isBlankRow(cells)) yield { rowNumber: next.value.number, cells };
    }
  }
  return { format: 'xlsx', header, ...rowsInGroups(rows()) };
}
