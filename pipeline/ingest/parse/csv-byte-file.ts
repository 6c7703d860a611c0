/**
 * A UTF-8 CSV read on its bytes ({@link CsvByteRecords}): its header and where its body
 * starts, a pass counting rows, reading one key column and noting where ranges of whole
 * records end, and the reading of such a range for a worker thread to decode and split.
 * Anything the byte path is not sure of (another encoding, an over-long record, an unclosed
 * quote) makes it give up, and the caller reads the file on the text path, which has the
 * exact verdict.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Dataset, type HeaderMapping, mapHeaders } from '../../../schemas/dataset.ts';
import { type CsvPieceRows, csvRowBuilder, detectDelimiter, MAX_RECORD_CHARS } from './csv.ts';
import { CsvByteRecords, CsvBytesGiveUp } from './csv-bytes.ts';
import { CsvRecordSplitter } from './csv-records.ts';
import { detectEncoding } from './decode.ts';
import type { ParsedRow } from './parsed-row.ts';

/** Bytes read to choose the encoding and find the header (as the text path samples). */
const HEAD_BYTES = 256 * 1024;
/** Bytes read at a time. */
const READ_BYTES = 256 * 1024;

/** A UTF-8 CSV's layout: header mapping, delimiter and the byte offset of its first data record. */
export interface CsvByteLayout {
  header: HeaderMapping;
  delimiter: ',' | '\t';
  bodyOffset: number;
}

/**
 * Reads the header of a CSV on the byte path; undefined when the file is not UTF-8 or its
 * header does not end within the first 256 KB (the text path reads it then).
 *
 * @example
 * const layout = await openCsvBytes('/tmp/b1/records.csv', DATASETS.service_records);
 */
export async function openCsvBytes(path: string, dataset: Pick<Dataset<unknown>, 'columns'>): Promise<CsvByteLayout | undefined> {
  const handle = await open(path, 'r');
  let head: Buffer;
  let whole: boolean;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
    whole = bytesRead < HEAD_BYTES;
  } finally {
    await handle.close();
  }
  if (head.length === 0 || detectEncoding(head) !== 'utf8') return undefined;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = head.toString('utf8', bom);
  const delimiter = detectDelimiter(text.split(/\r?\n|\r/, 1)[0] ?? '');
  let header: { end: number; next: number } | undefined;
  const records = new CsvByteRecords(delimiter, MAX_RECORD_CHARS);
  const first = (_b: Buffer, _start: number, end: number, next: number) => {
    header ??= { end: bom + end, next: bom + next };
  };
  try {
    records.push(head.subarray(bom), first);
    if (!header && whole) records.end(first);
  } catch (error) {
    if (error instanceof CsvBytesGiveUp) return undefined;
    throw error;
  }
  if (!header) return undefined;
  const fields: string[][] = [];
  const splitter = new CsvRecordSplitter(delimiter, MAX_RECORD_CHARS);
  splitter.push(head.toString('utf8', bom, header.end), (f) => fields.push(f));
  splitter.end((f) => fields.push(f));
  return { header: mapHeaders(dataset.columns, fields[0] ?? ['']), delimiter, bodyOffset: header.next };
}

/** Trims ASCII whitespace as `String.prototype.trim` does for ASCII. */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** What pass 1 on the byte path reports per data row that is not blank, in order. */
export interface KeyVisitor {
  /** A row with its spreadsheet row number and the trimmed text of the key cell (undefined when empty). */
  row(rowNumber: number, key: string | undefined): void;
  /**
   * A row whose trimmed key cell is plain ASCII, unquoted: its text is the Latin-1 text of
   * `bytes[from..to)` (handed over undecoded; the bytes are valid during the call only).
   */
  rowBytes(rowNumber: number, bytes: Uint8Array, from: number, to: number): void;
}

/**
 * Pass 1 on the byte path: visits every data row that is not blank, in order, with its
 * spreadsheet row number and the trimmed key cell of `keyColumn`, and returns the body cut
 * into ranges of `rangeRecords` whole records (blank ones included, so row numbers carry on;
 * the last range holds the rest). Throws {@link CsvBytesGiveUp} when the text path must decide.
 *
 * @example
 * const ranges = await scanCsvBytes(path, layout, 'record_id', { row: (n, key) => seen.add(key), rowBytes: (n, b, from, to) => seen.addLatin1(b, from, to) }, 1000);
 */
export async function scanCsvBytes(
  path: string,
  layout: CsvByteLayout,
  keyColumn: string,
  visit: KeyVisitor,
  rangeRecords = 1000,
): Promise<CsvByteRange[]> {
  const position = layout.header.keys.indexOf(keyColumn);
  const delimiter = layout.delimiter.charCodeAt(0);
  const wanted = layout.header.keys.map((key) => key === keyColumn);
  const toRow = csvRowBuilder(layout.header.keys, wanted);
  let rowNumber = 1;
  // A record the fast reading cannot settle is decoded and split as the text path does.
  const slow = (buffer: Buffer, start: number, end: number) => {
    const fields: string[][] = [];
    const splitter = new CsvRecordSplitter(layout.delimiter, MAX_RECORD_CHARS, wanted);
    splitter.push(buffer.toString('utf8', start, end), (f) => fields.push(f));
    splitter.end((f) => fields.push(f));
    // An empty line is a record of one empty field (the splitter needs its line end to see it).
    if (start === end) return;
    if (fields.length !== 1) throw new CsvBytesGiveUp('record boundaries differ from the text path');
    const cells = toRow(fields[0]!);
    if (cells !== undefined) visit.row(rowNumber, cells[keyColumn]);
  };
  // Offsets given to onRecord are in the buffer CsvByteRecords scans: `base` is its file offset.
  const ranges: CsvByteRange[] = [];
  let base = layout.bodyOffset;
  let range = { start: layout.bodyOffset, firstRowNumber: 2, records: 0 };
  const onRecord = (buffer: Buffer, start: number, end: number, next: number, plain: boolean) => {
    rowNumber++;
    if (++range.records === rangeRecords) {
      ranges.push({ ...range, end: base + next });
      range = { start: base + next, firstRowNumber: rowNumber + 1, records: 0 };
    }
    if (!plain || position < 0) return slow(buffer, start, end);
    let from = start;
    for (let f = 0; f < position; f++) {
      const d = buffer.indexOf(delimiter, from);
      if (d < 0 || d >= end) return slow(buffer, start, end);
      from = d + 1;
    }
    let to = buffer.indexOf(delimiter, from);
    if (to < 0 || to > end) to = end;
    while (from < to && isAsciiSpace(buffer[from]!)) from++;
    while (to > from && isAsciiSpace(buffer[to - 1]!)) to--;
    if (from === to) return slow(buffer, start, end);
    for (let i = from; i < to; i++) if (buffer[i]! >= 0x80) return slow(buffer, start, end);
    visit.rowBytes(rowNumber, buffer, from, to);
  };
  const records = new CsvByteRecords(layout.delimiter, MAX_RECORD_CHARS);
  for await (const chunk of createReadStream(path, { start: layout.bodyOffset, highWaterMark: READ_BYTES }))
    base += records.push(chunk as Buffer, onRecord);
  base += records.end(onRecord);
  if (range.records > 0) ranges.push({ ...range, end: base });
  return ranges;
}

/** Whole records of a UTF-8 CSV's body: bytes `start`–`end` of the file (see {@link scanCsvBytes}). */
export interface CsvByteRange {
  start: number;
  end: number;
  /** Spreadsheet row number of the first record. */
  firstRowNumber: number;
  records: number;
}

/**
 * Reads ranges of one UTF-8 CSV (from {@link scanCsvBytes}) and splits them into rows, as the
 * text path would. A worker thread reads its own ranges so, with no bytes passing through the
 * coordinator: each range is read synchronously (the page cache answers; the thread has
 * nothing else to do meanwhile; opening and closing the file per range costs ~4 µs a
 * thousand rows) into one buffer reused for every range.
 *
 * @example
 * const reader = new CsvRangeReader(path, new CsvPieceRows(layout.header.keys, layout.delimiter));
 * for (const range of ranges) rows.push(...reader.rows(range));
 */
export class CsvRangeReader {
  private buffer = Buffer.alloc(0);

  constructor(
    readonly path: string,
    readonly pieces: CsvPieceRows,
  ) {}

  /** The rows of one range. Throws when the file no longer holds the range (changed since it was scanned). */
  rows(range: Pick<CsvByteRange, 'start' | 'end' | 'firstRowNumber'>): ParsedRow[] {
    const length = range.end - range.start;
    if (this.buffer.length < length) this.buffer = Buffer.allocUnsafe(Math.max(length, 2 * this.buffer.length));
    const fd = openSync(this.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const n = readSync(fd, this.buffer, read, length - read, range.start + read);
        if (n === 0) throw new Error(`CSV file ended before byte ${range.end}: it changed after pass 1`);
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    return this.pieces.rows({ text: this.buffer.toString('utf8', 0, length), firstRowNumber: range.firstRowNumber });
  }
}
