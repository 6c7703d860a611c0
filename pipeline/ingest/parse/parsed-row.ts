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
  rows: AsyncIterable<ParsedRow>;
}
