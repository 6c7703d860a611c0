/**
 * JSON Lines reading: one JSON object per line, keys as headers (English keys or Chinese
 * aliases); numbers and strings accepted for every value.
 */

import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { type Dataset, type HeaderMapping, mapHeaders, type RawRow } from '../../../schemas/dataset.ts';
import { IngestFileError } from '../file-error.ts';
import { decodeText } from './decode.ts';
import { type CellKind, cellKinds, isBlankRow, typedCellText } from './header-cells.ts';
import { type ParsedFile, type ParsedRow, rowsInGroups } from './parsed-row.ts';

function parseLine(line: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new IngestFileError('FILE_UNREADABLE', `line ${lineNumber} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new IngestFileError('FILE_UNREADABLE', `line ${lineNumber} is not a JSON object`);
  return value as Record<string, unknown>;
}

function jsonCell(value: unknown, kind: CellKind): string | undefined {
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return typedCellText(value, kind === 'date' ? 'text' : kind);
}

/**
 * Opens a JSON Lines byte stream. The first object's keys form the header (for the mapping,
 * the unknown-column warning and the required-column check); every line is mapped by its own
 * keys. Blank lines are skipped; a line that is not a JSON object fails the file.
 *
 * @example
 * const file = await openJsonLines(fs.createReadStream('records.jsonl'), DATASETS.service_records);
 */
export async function openJsonLines(bytes: Readable, dataset: Pick<Dataset<unknown>, 'columns' | 'table'>): Promise<ParsedFile> {
  const { encoding, text } = await decodeText(bytes);
  const lines = readline.createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  let lineNumber = 0;
  let first: Record<string, unknown> | undefined;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    lineNumber++;
    if (next.value.trim() === '') continue;
    first = parseLine(next.value, lineNumber);
    break;
  }
  if (!first) throw new IngestFileError('FILE_EMPTY');
  const header: HeaderMapping = mapHeaders(dataset.columns, Object.keys(first));
  const kinds = cellKinds(dataset);
  const keyOf = new Map<string, string | null>();
  const mapKey = (k: string): string | null => {
    let key = keyOf.get(k);
    if (key === undefined) {
      key = mapHeaders(dataset.columns, [k]).keys[0] ?? null;
      keyOf.set(k, key);
    }
    return key;
  };
  const toRow = (object: Record<string, unknown>): RawRow => {
    const row: RawRow = {};
    for (const [k, v] of Object.entries(object)) {
      const key = mapKey(k);
      if (key === null || row[key] !== undefined) continue;
      const cell = jsonCell(v, kinds.get(key) ?? 'text');
      if (cell !== undefined) row[key] = cell;
    }
    return row;
  };
  const firstLine = lineNumber;
  const firstObject = first;
  async function* rows(): AsyncGenerator<ParsedRow> {
    try {
      const firstCells = toRow(firstObject);
      if (!isBlankRow(firstCells)) yield { rowNumber: firstLine, cells: firstCells };
      for (;;) {
        const next = await lines.next();
        if (next.done) return;
        lineNumber++;
        if (next.value.trim() === '') continue;
        const cells = toRow(parseLine(next.value, lineNumber));
        if (!isBlankRow(cells)) yield { rowNumber: lineNumber, cells };
      }
    } finally {
      text.destroy();
    }
  }
  return { format: 'jsonl', header, encoding, ...rowsInGroups(rows()) };
}
