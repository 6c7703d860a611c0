/**
 * Groups a CSV body's records into pieces of at most `maxRecords` whole records, for lanes in
 * other threads to split (the text pieces of `openCsvText`; a UTF-8 CSV's byte ranges are
 * noted by `scanCsvBytes` instead).
 * Record ends are noted as a splitter finds them; each span of complete records is then cut
 * at every `maxRecords`-th end, the rest becoming a shorter piece. Row numbers carry on from
 * piece to piece (header = row 1).
 */

/** One piece: what `slice` made of its span, its first row number and its record count. */
export interface RecordPiece<T> {
  content: T;
  firstRowNumber: number;
  records: number;
}

/**
 * Cuts spans of complete records into pieces.
 *
 * @example
 * const pieces = new RecordPieces(1000);
 * const { text } = splitter.pushText(chunk, pieces.onRecordEnd);
 * for (const piece of pieces.cut(text.length, (from, to) => text.slice(from, to))) send(piece);
 */
export class RecordPieces {
  /** Ends (in the current span) of every `maxRecords`-th record since the last cut. */
  private ends: number[] = [];
  private records = 0;
  private nextRowNumber = 2;

  constructor(private readonly maxRecords: number) {}

  /** Notes where a record ends in the current span (give it to the splitter). */
  readonly onRecordEnd = (end: number): void => {
    if (++this.records % this.maxRecords === 0) this.ends.push(end);
  };

  /** Cuts the span `[0, length)` holding the records noted since the last cut. */
  *cut<T>(length: number, slice: (from: number, to: number) => T): Generator<RecordPiece<T>> {
    let from = 0;
    let left = this.records;
    for (const end of this.ends) {
      yield { content: slice(from, end), firstRowNumber: this.nextRowNumber, records: this.maxRecords };
      this.nextRowNumber += this.maxRecords;
      left -= this.maxRecords;
      from = end;
    }
    if (left > 0) {
      yield { content: slice(from, length), firstRowNumber: this.nextRowNumber, records: left };
      this.nextRowNumber += left;
    }
    this.ends = [];
    this.records = 0;
  }
}
