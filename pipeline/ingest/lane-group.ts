/**
 * What a lane of a batch receives: parsed rows, or CSV records as text or UTF-8 bytes for the
 * lane to split itself. That is how CSV reaches worker threads: one string or buffer crosses
 * threads for a fraction of the cost of the row objects it holds, and decoding and splitting
 * then run in parallel.
 */
import { csvTextRows } from './parse/csv.ts';
import { csvBytesRows } from './parse/csv-byte-file.ts';
import type { ChunkRow } from './process-chunk.ts';

/** CSV records as text (whole records, see `openCsvText`) with what splitting them needs. */
export interface CsvTextGroup {
  kind: 'csv-text';
  text: string;
  /** Spreadsheet row number of the first record. */
  firstRowNumber: number;
  /** The header's input key per field position (undefined = not read). */
  keys: readonly (string | undefined)[];
  delimiter: string;
  /** Row numbers, ascending, of rows whose natural key repeats an earlier row of the file. */
  duplicateRows: readonly number[];
}

/** Records of a UTF-8 CSV as bytes (see `csvBytePieces`), split like a {@link CsvTextGroup}. */
export interface CsvBytesGroup extends Omit<CsvTextGroup, 'kind' | 'text'> {
  kind: 'csv-bytes';
  /** In a buffer of their own, so they can be transferred to a worker without a copy. */
  bytes: Uint8Array;
}

/** One group of a lane's input. */
export type LaneGroup = readonly ChunkRow[] | CsvTextGroup | CsvBytesGroup;

/**
 * The rows of a lane group (a text group split and its in-file duplicates flagged).
 *
 * @example
 * for await (const group of lane) for (const row of laneRows(group)) validate(row.cells);
 */
export function laneRows(group: LaneGroup): readonly ChunkRow[] {
  if (Array.isArray(group)) return group as readonly ChunkRow[];
  const records = group as CsvTextGroup | CsvBytesGroup;
  const rows: ChunkRow[] =
    records.kind === 'csv-text'
      ? csvTextRows(records, records.keys, records.delimiter)
      : csvBytesRows(records, records.keys, records.delimiter);
  if (records.duplicateRows.length > 0) {
    const repeated = new Set(records.duplicateRows);
    for (let i = 0; i < rows.length; i++) if (repeated.has(rows[i]!.rowNumber)) rows[i] = { ...rows[i]!, duplicateInFile: true };
  }
  return rows;
}
