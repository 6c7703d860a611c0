/**
 * CSV reading: UTF-8 (with or without BOM) or GBK/GB18030, comma or tab separated, streamed
 * record by record with {@link CsvRecordSplitter}.
 */
import type { Readable } from 'node:stream';
import { type Dataset, type HeaderMapping, mapHeaders, type RawRow } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { CsvRecordSplitter, UNREAD_FIELD } from './csv-records.ts';
import { decodeText } from './decode.ts';
import { type ParsedFile, type ParsedRow, rowsAndGroups } from './parsed-row.ts';
import { RecordPieces } from './record-pieces.ts';

/** Longest record accepted (characters). */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * The delimiter of a header line: tab when it holds more tabs than commas (outside quotes).
 *
 * @example
 * detectDelimiter('a\tb\tc'); // '\t'
 */
export function detectDelimiter(firstLine: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/** Peeks the first line of a text stream without consuming it. */
async function peekFirstLine(text: Readable): Promise<{ firstLine: string; replay: AsyncIterable<string> }> {
  const iterator: AsyncIterator<string> = text.setEncoding('utf8')[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (!/[\r\n]/.test(head) && head.length < 1_000_000) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  const firstLine = head.split(/\r?\n|\r/, 1)[0] ?? '';
  async function* replay(): AsyncGenerator<string> {
    if (head !== '') yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { firstLine, replay: replay() };
}

/** What {@link openCsv} reads of each row. */
export interface CsvReadOptions {
  /**
   * Input columns to read (default all). Rows then hold only these cells, but a row counts
   * as blank only when every mapped column is empty, as when reading them all.
   */
  columns?: readonly string[];
}

/** A CSV opened up to its first data record: header, delimiter and the decoded rest. */
interface OpenedCsv {
  encoding: 'utf8' | 'gb18030';
  delimiter: ',' | '\t';
  header: HeaderMapping;
  /** Decoded text after the header record. */
  body: AsyncIterable<string>;
  /** Stops decoding (the rest of the file is not read). */
  close(): void;
}

/** Turns parse errors into the file-level `FILE_UNREADABLE` failure. */
function unreadable(error: unknown): never {
  throw new IngestFileError('FILE_UNREADABLE', error instanceof Error ? error.message.slice(0, 200) : undefined);
}

/**
 * Decodes a CSV byte stream up to the end of its header record: detects encoding and
 * delimiter and maps the header row.
 */
async function openHeader(bytes: Readable, dataset: Pick<Dataset<unknown>, 'columns'>): Promise<OpenedCsv> {
  const { encoding, text } = await decodeText(bytes);
  const { firstLine, replay } = await peekFirstLine(text);
  const delimiter = detectDelimiter(firstLine);
  const source = replay[Symbol.asyncIterator]();
  // Find where the first record (the header) ends, then split it alone.
  const scanner = new CsvRecordSplitter(delimiter, MAX_RECORD_CHARS, []);
  let headerEnd = -1;
  const onRecordEnd = (end: number) => {
    if (headerEnd < 0) headerEnd = end;
  };
  let headerText = '';
  let rest = '';
  try {
    for (;;) {
      const next = await source.next();
      const { text: complete } = next.done ? scanner.endText(onRecordEnd) : scanner.pushText(next.value, onRecordEnd);
      if (headerEnd >= 0) {
        headerText = complete.slice(0, headerEnd);
        rest = complete.slice(headerEnd) + scanner.takePending();
        break;
      }
      if (next.done) break;
    }
  } catch (error) {
    text.destroy();
    unreadable(error);
  }
  const headerFields: string[][] = [];
  if (headerText !== '') {
    const splitter = new CsvRecordSplitter(delimiter, MAX_RECORD_CHARS);
    splitter.push(headerText, (fields) => headerFields.push(fields));
    splitter.end((fields) => headerFields.push(fields));
  }
  const headerRecord = headerFields[0];
  if (headerRecord === undefined) {
    text.destroy();
    throw new IngestFileError('FILE_EMPTY');
  }
  async function* body(): AsyncGenerator<string> {
    if (rest !== '') yield rest;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const header = mapHeaders(dataset.columns, headerRecord);
  return { encoding, delimiter, header, body: body(), close: () => text.destroy() };
}

/**
 * Opens a CSV byte stream: detects encoding and delimiter, maps the header row, and streams
 * the data rows with spreadsheet row numbers (header = row 1). A malformed file raises
 * {@link IngestFileError} `FILE_UNREADABLE` while iterating.
 *
 * @example
 * const file = await openCsv(fs.createReadStream('records.csv'), DATASETS.service_records);
 * for await (const row of file.rows) console.log(row.rowNumber, row.cells.record_id);
 */
export async function openCsv(
  bytes: Readable,
  dataset: Pick<Dataset<unknown>, 'columns' | 'table'>,
  options: CsvReadOptions = {},
): Promise<ParsedFile> {
  const opened = await openHeader(bytes, dataset);
  const { header } = opened;
  const wanted = options.columns && header.keys.map((key) => key !== undefined && options.columns!.includes(key));
  const splitter = new CsvRecordSplitter(opened.delimiter, MAX_RECORD_CHARS, wanted);
  const toRow = csvRowBuilder(header.keys, wanted);
  let rowNumber = 1;
  async function* groups(): AsyncGenerator<ParsedRow[]> {
    let group: ParsedRow[] = [];
    const collect = (fields: string[]) => {
      rowNumber++;
      const cells = toRow(fields);
      if (cells !== undefined) group.push({ rowNumber, cells });
    };
    try {
      for await (const chunk of opened.body) {
        try {
          splitter.push(chunk, collect);
        } catch (error) {
          unreadable(error);
        }
        if (group.length > 0) {
          yield group;
          group = [];
        }
      }
      try {
        splitter.end(collect);
      } catch (error) {
        unreadable(error);
      }
      if (group.length > 0) yield group;
    } catch (error) {
      if (error instanceof IngestFileError) throw error;
      unreadable(error);
    } finally {
      opened.close();
    }
  }
  return { format: 'csv', header, encoding: opened.encoding, ...rowsAndGroups(groups()) };
}

/** Records of a CSV's body as text, cut at record boundaries (see {@link openCsvText}). */
export interface CsvTextPiece {
  text: string;
  /** Spreadsheet row number of the piece's first record. */
  firstRowNumber: number;
  records: number;
}

/** A CSV opened for handing its records on as text. */
export interface CsvTextFile {
  header: HeaderMapping;
  delimiter: ',' | '\t';
  pieces: AsyncIterable<CsvTextPiece>;
}

/**
 * Opens a CSV byte stream and streams its data records as text pieces cut at record
 * boundaries, for {@link CsvPieceRows} to split elsewhere (a worker thread: one string crosses
 * threads far more cheaply than the row objects it holds). Pieces hold whole records only
 * (at most `maxRecords`), blank ones included, so row numbers carry on from piece to piece.
 *
 * @example
 * const file = await openCsvText(fs.createReadStream('records.csv'), DATASETS.service_records);
 * for await (const piece of file.pieces) worker.postMessage(piece);
 */
export async function openCsvText(
  bytes: Readable,
  dataset: Pick<Dataset<unknown>, 'columns'>,
  maxRecords = 1000,
): Promise<CsvTextFile> {
  const opened = await openHeader(bytes, dataset);
  const scanner = new CsvRecordSplitter(opened.delimiter, MAX_RECORD_CHARS, []);
  async function* pieces(): AsyncGenerator<CsvTextPiece> {
    const cutter = new RecordPieces(maxRecords);
    function* cut({ text }: { text: string }): Generator<CsvTextPiece> {
      const slice = (from: number, to: number) => (from === 0 && to === text.length ? text : text.slice(from, to));
      for (const { content, firstRowNumber, records } of cutter.cut(text.length, slice))
        yield { text: content, firstRowNumber, records };
    }
    try {
      for await (const chunk of opened.body) {
        let complete: { text: string };
        try {
          complete = scanner.pushText(chunk, cutter.onRecordEnd);
        } catch (error) {
          unreadable(error);
        }
        yield* cut(complete);
      }
      let last: { text: string };
      try {
        last = scanner.endText(cutter.onRecordEnd);
      } catch (error) {
        unreadable(error);
      }
      yield* cut(last);
    } finally {
      opened.close();
    }
  }
  return { header: opened.header, delimiter: opened.delimiter, pieces: pieces() };
}

/**
 * Splits the text pieces of one file into rows, one piece after another, with one splitter,
 * one row builder and one record callback for all of them. A lane keeps one for its batch:
 * functions made per piece were optimised again for every piece (V8 drops optimised code
 * that inlined a closure once the closure dies), ~40 compiles a lane of 500,000 rows.
 *
 * @example
 * const reader = new CsvPieceRows(file.header.keys, file.delimiter);
 * for (const piece of pieces) rows.push(...reader.rows(piece));
 */
export class CsvPieceRows {
  private readonly splitter: CsvRecordSplitter;
  private readonly toRow: (fields: readonly string[]) => RawRow | undefined;
  private readonly collect: (fields: string[]) => void;
  private rowsOfPiece: ParsedRow[] = [];
  private rowNumber = 0;

  constructor(
    readonly keys: readonly (string | undefined)[],
    readonly delimiter: string,
  ) {
    // Fields of unmapped columns (unknown or personal ones) are never cut out.
    this.splitter = new CsvRecordSplitter(
      delimiter,
      MAX_RECORD_CHARS,
      keys.map((key) => key !== undefined),
    );
    this.toRow = csvRowBuilder(keys);
    this.collect = (fields) => {
      const rowNumber = ++this.rowNumber;
      const cells = this.toRow(fields);
      if (cells !== undefined) this.rowsOfPiece.push({ rowNumber, cells });
    };
  }

  /** The rows of one piece (whole records). */
  rows(piece: Pick<CsvTextPiece, 'text' | 'firstRowNumber'>): ParsedRow[] {
    const rows: ParsedRow[] = [];
    this.rowsOfPiece = rows;
    this.splitter.takePending(); // left over only if an earlier piece failed
    this.rowNumber = piece.firstRowNumber - 1;
    this.splitter.push(piece.text, this.collect);
    this.splitter.end(this.collect);
    return rows;
  }
}

/**
 * A function building a row of input keys from a CSV record's fields: mapped positions only,
 * trimmed, every mapped key present (undefined for an empty cell); undefined for a blank row.
 * Positions outside `wanted` (when given) only count towards the row not being blank.
 *
 * @example
 * csvRowBuilder(['record_id', 'community', undefined])(['R1 ', '', 'x']); // { record_id: 'R1', community: undefined }
 */
export function csvRowBuilder(
  headerKeys: readonly (string | undefined)[],
  wanted?: readonly boolean[],
): (fields: readonly string[]) => RawRow | undefined {
  const positions: number[] = [];
  const keys: string[] = [];
  const read: boolean[] = [];
  headerKeys.forEach((key, i) => {
    if (key !== undefined) {
      positions.push(i);
      keys.push(key);
      read.push(wanted === undefined || wanted[i] === true);
    }
  });
  // Every row of a file gets one shape (each mapped key present, undefined when its cell is
  // empty), made by one object literal of a function compiled for the header: validation then
  // reads each column with a monomorphic property load, where rows shaped by their non-empty
  // cells made every load megamorphic (measured: the accept path ~0.4 µs a row faster).
  const cells = positions.map((p, k) => `const c${k} = cellOf(fields[${p}]);`);
  const blank = positions.map((_, k) => `c${k} === undefined`).join(' && ') || 'true';
  const entries = keys.map((key, k) => `${JSON.stringify(key)}: ${read[k] ? `c${k} === null ? undefined : c${k}` : 'undefined'}`);
  const build = new Function(
    'fields',
    'cellOf',
    `${cells.join('\n')}\nif (${blank}) return undefined;\nreturn { ${entries.join(', ')} };`,
  ) as (fields: readonly string[], cellOf: (raw: string | undefined) => string | null | undefined) => RawRow | undefined;
  return (fields) => build(fields, fieldCell);
}

/**
 * A field as a row holds it: trimmed, undefined when empty or blank, null for an unread field
 * (not empty: it makes the row not blank, but its text was never cut out).
 */
function fieldCell(raw: string | undefined): string | null | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === UNREAD_FIELD) return null;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  const text = first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
  return text === '' ? undefined : text;
}
