/**
 * A small, fast CSV record splitter over decoded text chunks (RFC 4180 plus the leniency
 * district exports need): quoted fields with `""` escapes and embedded line breaks, LF, CRLF
 * or CR line ends, any number of fields per record, a quote inside an unquoted field kept as
 * text, and characters after a closing quote kept as text. Every line (an empty one too) is a
 * record, so record numbers match a spreadsheet's rows. An unterminated quote at the end of
 * the input or a record over `maxRecordChars` is an error.
 *
 * Two cheaper modes share the same record boundaries: given `wanted` field positions, the
 * other fields come back as `''` when empty and {@link UNREAD_FIELD} otherwise (enough to
 * tell a blank row), and {@link CsvRecordSplitter.pushText} returns the text of complete
 * records instead of their fields, so they can be split again elsewhere (a worker thread).
 */

/** Stands for a non-empty field outside the wanted positions (it may still be blank once trimmed). */
export const UNREAD_FIELD = '\u0000unread';

/** Thrown for input that cannot be split into records. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Splits text fed chunk by chunk into records (arrays of raw field text, not trimmed).
 *
 * @example
 * const splitter = new CsvRecordSplitter(',');
 * splitter.push('a,"b ""c"""\r\n1,2', (r) => console.log(r)); // ['a', 'b "c"']
 * splitter.end((r) => console.log(r)); // ['1', '2']
 */
export class CsvRecordSplitter {
  private pending = '';
  private readonly delimiter: number;

  /**
   * @param wanted field positions whose text is needed (default all); the others come back
   *   as `''` or {@link UNREAD_FIELD}, which saves copying them.
   */
  constructor(
    delimiter: string,
    private readonly maxRecordChars = 1_000_000,
    private readonly wanted?: readonly boolean[],
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Finds the complete records of `chunk` (with text left from earlier chunks) and returns
   * their text and how many there are; `onRecordEnd` gets each record's end offset in that text.
   *
   * @example
   * new CsvRecordSplitter(',', 1000, []).pushText('a,b\n"c\nd",e\nf'); // { text: 'a,b\n"c\nd",e\n', records: 2 }
   */
  pushText(chunk: string, onRecordEnd?: (end: number) => void): { text: string; records: number } {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    let records = 0;
    const consumed = this.split(text, false, (_fields, end) => {
      records++;
      onRecordEnd?.(end);
    });
    this.pending = consumed === text.length ? '' : text.slice(consumed);
    if (this.pending.length > this.maxRecordChars)
      throw new CsvSyntaxError(`record longer than ${this.maxRecordChars} characters`);
    return { text: consumed === text.length ? text : text.slice(0, consumed), records };
  }

  /** Returns the text of the incomplete record held back so far, and forgets it. */
  takePending(): string {
    const text = this.pending;
    this.pending = '';
    return text;
  }

  /** {@link pushText} for what is left at the end of the input. */
  endText(onRecordEnd?: (end: number) => void): { text: string; records: number } {
    const text = this.pending;
    this.pending = '';
    let records = 0;
    if (text !== '')
      this.split(text, true, (_fields, end) => {
        records++;
        onRecordEnd?.(end);
      });
    return { text, records };
  }

  /** Splits every complete record of `chunk` (with any text left from earlier chunks). */
  push(chunk: string, onRecord: (fields: string[]) => void): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    const consumed = this.split(text, false, onRecord);
    this.pending = consumed === text.length ? '' : text.slice(consumed);
    if (this.pending.length > this.maxRecordChars)
      throw new CsvSyntaxError(`record longer than ${this.maxRecordChars} characters`);
  }

  /** Splits what is left at the end of the input. */
  end(onRecord: (fields: string[]) => void): void {
    const text = this.pending;
    this.pending = '';
    if (text !== '') this.split(text, true, onRecord);
  }

  /** Splits records from `text`; returns how many characters were consumed (complete records). */
  private split(text: string, final: boolean, onRecord: (fields: string[], end: number) => void): number {
    const length = text.length;
    const delimiter = this.delimiter;
    const wanted = this.wanted;
    const delimiterChar = String.fromCharCode(delimiter);
    let start = 0;
    let nextQuote = -2;
    let nextCr = -2;
    while (start < length) {
      // A whole line without quotes and without a lone CR: its fields lie between delimiters,
      // found with indexOf (native) instead of a loop over every character.
      if (nextQuote !== -1 && nextQuote < start) nextQuote = text.indexOf('"', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      const lf = text.indexOf('\n', start);
      if (lf >= 0 && !(nextQuote >= 0 && nextQuote < lf) && !(nextCr >= 0 && nextCr < lf - 1)) {
        const end = nextCr >= start && nextCr === lf - 1 ? lf - 1 : lf;
        const fields: string[] = [];
        let i = start;
        for (;;) {
          let k = text.indexOf(delimiterChar, i);
          if (k < 0 || k > end) k = end;
          if (wanted === undefined || wanted[fields.length] === true || k === i) fields.push(text.slice(i, k));
          else {
            const first = text.charCodeAt(i);
            fields.push(first > 32 && first < 127 ? UNREAD_FIELD : text.slice(i, k));
          }
          if (k === end) break;
          i = k + 1;
        }
        start = lf + 1;
        onRecord(fields, start);
        continue;
      }
      const fields: string[] = [];
      let i = start;
      let complete = false;
      for (;;) {
        // One field starting at i.
        let value: string;
        if (text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          value = '';
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q < 0) break;
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            if (q + 1 === length && !final) break; // the next chunk may start with a quote
            value += text.slice(j, q);
            i = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) return start;
            throw new CsvSyntaxError('quoted field not closed at end of input');
          }
          // Text after the closing quote up to the next separator is kept as given.
          let k = i;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === delimiter || c === LF || c === CR) break;
            k++;
          }
          if (k > i) value += text.slice(i, k);
          i = k;
        } else {
          let k = i;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === delimiter || c === LF || c === CR) break;
            k++;
          }
          if (wanted === undefined || wanted[fields.length] === true || k === i) value = text.slice(i, k);
          else {
            // An unread field: printable ASCII first means not blank; anything else is kept
            // so the caller can trim it.
            const first = text.charCodeAt(i);
            value = first > 32 && first < 127 ? UNREAD_FIELD : text.slice(i, k);
          }
          i = k;
        }
        fields.push(value);
        if (i >= length) {
          if (!final) return start;
          complete = true;
          start = length;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i++;
          if (i >= length) {
            if (!final) return start;
            fields.push('');
            complete = true;
            start = length;
            break;
          }
          continue;
        }
        if (c === CR) {
          if (i + 1 >= length && !final) return start; // CRLF may be split across chunks
          start = text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        } else start = i + 1;
        complete = true;
        break;
      }
      if (complete) onRecord(fields, start);
    }
    return start;
  }
}
