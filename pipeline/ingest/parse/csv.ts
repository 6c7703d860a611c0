/**
 * CSV reading: UTF-8 (with or without BOM) or GBK/GB18030, comma or tab separated, streamed
 * record by record with csv-parse.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { type Dataset, mapHeaders } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { decodeText } from './decode.ts';
import { cellKinds, isBlankRow, rowFromPositions } from './header-cells.ts';
import type { ParsedFile, ParsedRow } from './parsed-row.ts';

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
  const delimiter = detectDelimiter(firstLine);
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
    bom: true,
    max_record_size: 1_000_000,
  });
  const records: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  void (async () => {
    try {
      for await (const chunk of replay) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  const unreadable = (error: unknown): never => {
    throw new IngestFileError('FILE_UNREADABLE', error instanceof Error ? error.message.slice(0, 200) : undefined);
  };
  const first = await records.next().catch(unreadable);
  if (first.done) throw new IngestFileError('FILE_EMPTY');
  const header = mapHeaders(dataset.columns, first.value);
  const kinds = cellKinds(dataset);
  async function* rows(): AsyncGenerator<ParsedRow> {
    let rowNumber = 1;
    try {
      for (;;) {
        const next = await records.next().catch(unreadable);
        if (next.done) return;
        rowNumber++;
        const cells = rowFromPositions(header, kinds, next.value);
        if (!isBlankRow(cells)) yield { rowNumber, cells };
      }
    } finally {
      parser.destroy();
      text.destroy();
    }
  }
  return { format: 'csv', header, encoding, rows: rows() };
}
