/**
 * CSV reading: UTF-8 (with or without BOM) or GBK/GB18030, comma or tab separated, streamed
 * record by record with {@link CsvRecordSplitter}.
 */
import type { Readable } from 'node:stream';
import { type Dataset, type HeaderMapping, mapHeaders, type RawRow } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { CsvRecordSplitter } from './csv-records.ts';
import { decodeText } from './decode.ts';
import { type ParsedFile, type ParsedRow, rowsAndGroups } from './parsed-row.ts';

/** Longest record accepted (characters). */
const MAX_RECORD_CHARS = 1_000_000;

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

/**
 * Opens a CSV byte stream: detects encoding and delimiter, maps the header row, and streams
 * the data rows with spreadsheet row numbers (header = row 1). A malformed file raises
 * {@link IngestFileError} `FILE_UNREADABLE` while iterating.
 *
 * @example
 * const file = await openCsv(fs.createReadStream('records.csv'), DATASETS.service_records);
 * for await (const row of file.rows) console.log(row.rowNumber, row.cells.record_id);
 */
export async function openCsv(bytes: Readable, dataset: Pick<Dataset<unknown>, 'columns' | 'table'>): Promise<ParsedFile> {
  const { encoding, text } = await decodeText(bytes);
  const { firstLine, replay } = await peekFirstLine(text);
  const splitter = new CsvRecordSplitter(detectDelimiter(firstLine), MAX_RECORD_CHARS);
  const source = replay[Symbol.asyncIterator]();
  const unreadable = (error: unknown): never => {
    throw new IngestFileError('FILE_UNREADABLE', error instanceof Error ? error.message.slice(0, 200) : undefined);
  };
  // Records split but not yet handed out; the header is the first one.
  let queued: string[][] = [];
  const collect = (fields: string[]) => {
    queued.push(fields);
  };
  let ended = false;
  const fill = async (): Promise<void> => {
    try {
      while (queued.length === 0 && !ended) {
        const next = await source.next();
        if (next.done) {
          ended = true;
          splitter.end(collect);
        } else splitter.push(next.value, collect);
      }
    } catch (error) {
      unreadable(error);
    }
  };
  await fill();
  const headerFields = queued.shift();
  if (!headerFields) throw new IngestFileError('FILE_EMPTY');
  const header = mapHeaders(dataset.columns, headerFields);
  const toRow = csvRowBuilder(header);
  let rowNumber = 1;
  async function* groups(): AsyncGenerator<ParsedRow[]> {
    try {
      for (;;) {
        if (queued.length === 0) await fill();
        if (queued.length === 0) return;
        const records = queued;
        queued = [];
        const group: ParsedRow[] = [];
        for (const fields of records) {
          rowNumber++;
          const cells = toRow(fields);
          if (cells !== undefined) group.push({ rowNumber, cells });
        }
        if (group.length > 0) yield group;
      }
    } finally {
      text.destroy();
    }
  }
  return { format: 'csv', header, encoding, ...rowsAndGroups(groups()) };
}

/**
 * A function building a row of input keys from a CSV record's fields: mapped positions only,
 * trimmed, empty cells left out; undefined for a blank row.
 */
function csvRowBuilder(header: HeaderMapping): (fields: readonly string[]) => RawRow | undefined {
  const positions: number[] = [];
  const keys: string[] = [];
  header.keys.forEach((key, i) => {
    if (key !== undefined) {
      positions.push(i);
      keys.push(key);
    }
  });
  return (fields) => {
    const row: RawRow = {};
    let any = false;
    for (let k = 0; k < positions.length; k++) {
      const raw = fields[positions[k]!];
      if (raw === undefined || raw === '') continue;
      const first = raw.charCodeAt(0);
      const last = raw.charCodeAt(raw.length - 1);
      const text = first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
      if (text === '') continue;
      row[keys[k]!] = text;
      any = true;
    }
    return any ? row : undefined;
  };
}
