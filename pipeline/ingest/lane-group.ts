/**
 * What a lane of a batch receives: parsed rows, CSV records as text, or where in a UTF-8 CSV
 * its records lie, for the lane to read and split itself. That is how CSV reaches worker
 * threads: one string, or a file range, crosses threads for a fraction of the cost of the row
 * objects it holds, and reading, decoding and splitting then run in parallel.
 */
import { CsvPieceRows } from './parse/csv.ts';
import { CsvRangeReader } from './parse/csv-byte-file.ts';
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

/**
 * Whole records of a UTF-8 CSV on the local disk: bytes `start`–`end` of the file at `path`
 * (a range of `scanCsvBytes`), read by the lane and split like a {@link CsvTextGroup}.
 */
export interface CsvRangeGroup extends Omit<CsvTextGroup, 'kind' | 'text'> {
  kind: 'csv-range';
  path: string;
  start: number;
  end: number;
}

/** One group of a lane's input. */
export type LaneGroup = readonly ChunkRow[] | CsvTextGroup | CsvRangeGroup;

/**
 * Reads the rows of a lane's groups one after another, splitting CSV groups with one
 * {@link CsvPieceRows} for as long as their header and delimiter stay the same (a batch's
 * groups all share them), and file ranges with one {@link CsvRangeReader} (one buffer).
 *
 * @example
 * const reader = new LaneRowReader();
 * for await (const group of lane) for (const row of reader.rows(group)) validate(row.cells);
 */
export class LaneRowReader {
  private pieces: CsvPieceRows | undefined;
  private file: CsvRangeReader | undefined;

  /** The rows of one group (a text group split and its in-file duplicates flagged). */
  rows(group: LaneGroup): readonly ChunkRow[] {
    if (Array.isArray(group)) return group as readonly ChunkRow[];
    const records = group as CsvTextGroup | CsvRangeGroup;
    const pieces = this.readerFor(records.keys, records.delimiter);
    const rows: ChunkRow[] =
      records.kind === 'csv-text' ? pieces.rows(records) : this.fileFor(records.path, pieces).rows(records);
    if (records.duplicateRows.length > 0) {
      const repeated = new Set(records.duplicateRows);
      for (let i = 0; i < rows.length; i++)
        if (repeated.has(rows[i]!.rowNumber)) rows[i] = { ...rows[i]!, duplicateInFile: true };
    }
    return rows;
  }

  private readerFor(keys: readonly (string | undefined)[], delimiter: string): CsvPieceRows {
    const current = this.pieces;
    if (current !== undefined && current.delimiter === delimiter && sameKeys(current.keys, keys)) return current;
    this.pieces = new CsvPieceRows(keys, delimiter);
    return this.pieces;
  }

  private fileFor(path: string, pieces: CsvPieceRows): CsvRangeReader {
    if (this.file?.path !== path || this.file.pieces !== pieces) this.file = new CsvRangeReader(path, pieces);
    return this.file;
  }
}

function sameKeys(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
