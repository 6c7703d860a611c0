/** What every parser yields. */
import type { HeaderMapping, RawRow } from '../../../schemas/dataset.ts';

/** One data row after header mapping (personal and unknown columns already dropped). */
export interface ParsedRow {
  /** As a spreadsheet shows it (header = row 1); JSON Lines: the 1-based line. */
  rowNumber: number;
  cells: RawRow;
}

/** The formats ingest reads. */
export type FileFormat = 'csv' | 'xlsx' | 'jsonl';

/** An opened file: its header mapping, then its rows (streamed). */
export interface ParsedFile {
  format: FileFormat;
  header: HeaderMapping;
  /** Text encoding detected (CSV and JSON Lines). */
  encoding?: string;
  /** The rows one by one. Read either `rows` or `groups`, not both. */
  rows: AsyncIterable<ParsedRow>;
  /** The same rows in groups as the reader produces them (cheaper than one by one). */
  groups: AsyncIterable<readonly ParsedRow[]>;
}

/**
 * Both views of a stream of row groups.
 *
 * @example
 * return { format: 'csv', header, ...rowsAndGroups(groups()) };
 */
export function rowsAndGroups(groups: AsyncIterable<readonly ParsedRow[]>): Pick<ParsedFile, 'rows' | 'groups'> {
  async function* rows(): AsyncGenerator<ParsedRow> {
    for await (const group of groups) yield* group;
  }
  return { rows: rows(), groups };
}

/**
 * Both views of a stream of single rows (groups of up to `size`).
 *
 * @example
 * return { format: 'jsonl', header, ...rowsInGroups(rows()) };
 */
export function rowsInGroups(rows: AsyncIterable<ParsedRow>, size = 500): Pick<ParsedFile, 'rows' | 'groups'> {
  async function* groups(): AsyncGenerator<ParsedRow[]> {
    let group: ParsedRow[] = [];
    for await (const row of rows) {
      group.push(row);
      if (group.length >= size) {
        yield group;
        group = [];
      }
    }
    if (group.length > 0) yield group;
  }
  return { rows, groups: groups() };
}
