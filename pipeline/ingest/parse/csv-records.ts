/**
 * A small, fast CSV record splitter over decoded text chunks (RFC 4180 plus the leniency
 * district exports need): quoted fields with `""` escapes and embedded line breaks, LF, CRLF
 * or CR line ends, any number of fields per record, a quote inside an unquoted field kept as
 * text, and characters after a closing quote kept as text. Every line (an empty one too) is a
 * record, so record numbers match a spreadsheet's rows. An unterminated quote at the end of
 * the input or a record over `maxRecordChars` is an error.
 */

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

  constructor(
    delimiter: string,
    private readonly maxRecordChars = 1_000_000,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
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
  private split(text: string, final: boolean, onRecord: (fields: string[]) => void): number {
    const length = text.length;
    const delimiter = this.delimiter;
    let start = 0;
    while (start < length) {
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
          value = text.slice(i, k);
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
      if (complete) onRecord(fields);
    }
    return start;
  }
}
