/**
 * What a lane of a batch receives: parsed rows, or CSV records as text for the lane to split
 * itself. Text is how CSV reaches worker threads: copying one string across threads costs a
 * fraction of copying the row objects it holds, and the split then runs in parallel.
 */
import { csvTextRows } from './parse/csv.ts';
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

/** One group of a lane's input. */
export type LaneGroup = readonly ChunkRow[] | CsvTextGroup;

/**
 * The rows of a lane group (a text group split and its in-file duplicates flagged).
 *
 * @example
 * for await (const group of lane) for (const row of laneRows(group)) validate(row.cells);
 */
export function laneRows(group: LaneGroup): readonly ChunkRow[] {
  if (Array.isArray(group)) return group as readonly ChunkRow[];
  const text = group as CsvTextGroup;
  const rows: ChunkRow[] = csvTextRows(text, text.keys, text.delimiter);
  if (text.duplicateRows.length > 0) {
    const repeated = new Set(text.duplicateRows);
    for (let i = 0; i < rows.length; i++) if (repeated.has(rows[i]!.rowNumber)) rows[i] = { ...rows[i]!, duplicateInFile: true };
  }
  return rows;
}
