/**
 * CSV record boundaries found on the bytes of a UTF-8 file, without decoding it: the fast way
 * for pass 1 to count rows and collect natural keys, and for the coordinator to cut the file
 * into pieces that worker threads decode and split themselves.
 *
 * It finds exactly the records {@link CsvRecordSplitter} finds on the decoded text: every
 * byte that shapes a record (quote, delimiter, CR, LF) is ASCII, and UTF-8 never uses an ASCII
 * byte inside a multi-byte character, nor does a decoder swallow one into a replacement
 * character. A record without quotes and without a lone CR is found with `indexOf` alone; any
 * other record walks the same state machine as the text splitter. Only UTF-8 is read this way
 * (GB18030 decoders may treat a byte after an invalid lead byte differently); other encodings
 * take the text path.
 */

/** A record too long for the byte path; the text path gives the exact verdict. */
export class CsvBytesGiveUp extends Error {
  override name = 'CsvBytesGiveUp';
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Receives one record: `start`–`end` is its text without the line end, `next` where the next
 * record starts; `plain` when it holds no quote (its fields are what lies between delimiters).
 */
export type OnByteRecord = (buffer: Buffer, start: number, end: number, next: number, plain: boolean) => void;

/**
 * Finds record boundaries in UTF-8 bytes fed chunk by chunk.
 *
 * @example
 * const records = new CsvByteRecords(',', 1 << 20);
 * records.push(Buffer.from('a,b\n"c\n",d\n'), (buf, s, e) => console.log(buf.toString('utf8', s, e)));
 * // a,b  then  "c\n",d
 */
export class CsvByteRecords {
  private rest: Buffer = Buffer.alloc(0);
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxRecordBytes: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Finds the complete records of `chunk` (after bytes left from earlier chunks; the offsets
   * given to `onRecord` count from the first of those). Returns how many bytes of that buffer
   * the complete records take: the rest is held for the next chunk.
   */
  push(chunk: Buffer, onRecord: OnByteRecord): number {
    const buffer = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const consumed = this.scan(buffer, false, onRecord);
    this.rest = buffer.subarray(consumed);
    if (this.rest.length > this.maxRecordBytes) throw new CsvBytesGiveUp('record too long for the byte path');
    return consumed;
  }

  /** Finds the records left at the end of the input (see {@link push}); returns the bytes they take. */
  end(onRecord: OnByteRecord): number {
    const buffer = this.rest;
    this.rest = Buffer.alloc(0);
    return buffer.length === 0 ? 0 : this.scan(buffer, true, onRecord);
  }

  private scan(buffer: Buffer, final: boolean, onRecord: OnByteRecord): number {
    const length = buffer.length;
    let start = 0;
    let nextQuote = -2;
    let nextCr = -2;
    while (start < length) {
      if (nextQuote !== -1 && nextQuote < start) nextQuote = buffer.indexOf(QUOTE, start);
      if (nextCr !== -1 && nextCr < start) nextCr = buffer.indexOf(CR, start);
      const lf = buffer.indexOf(LF, start);
      const lineEnd = lf < 0 ? length : lf;
      const quoteInLine = nextQuote >= 0 && nextQuote < lineEnd;
      const crInLine = nextCr >= 0 && nextCr < lineEnd;
      if (!quoteInLine && (!crInLine || (lf >= 0 && nextCr === lf - 1))) {
        if (lf < 0) {
          // The last line: complete only at the end of the input (the text splitter waits too).
          if (!final) return start;
          onRecord(buffer, start, length, length, true);
          return length;
        }
        onRecord(buffer, start, crInLine ? lf - 1 : lf, lf + 1, true);
        start = lf + 1;
        continue;
      }
      const next = this.walk(buffer, start, final);
      if (next < 0) return start;
      onRecord(buffer, start, this.lastEnd, next, false);
      start = next;
    }
    return start;
  }

  /** End (line end excluded) of the record {@link walk} found last. */
  private lastEnd = 0;

  /**
   * The text splitter's state machine over one record from `start`: returns where the next
   * record starts (setting {@link lastEnd}), or -1 when the record is not complete yet.
   */
  private walk(buffer: Buffer, start: number, final: boolean): number {
    const length = buffer.length;
    const delimiter = this.delimiter;
    let i = start;
    for (;;) {
      if (buffer[i] === QUOTE) {
        let j = i + 1;
        let closed = false;
        for (;;) {
          const q = buffer.indexOf(QUOTE, j);
          if (q < 0) break;
          if (buffer[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          if (q + 1 === length && !final) break;
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!final) return -1;
          throw new CsvBytesGiveUp('quoted field not closed at end of input');
        }
      }
      while (i < length) {
        const c = buffer[i]!;
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      if (i >= length) {
        if (!final) return -1;
        this.lastEnd = length;
        return length;
      }
      const c = buffer[i]!;
      if (c === delimiter) {
        i++;
        if (i >= length) {
          if (!final) return -1;
          this.lastEnd = length;
          return length;
        }
        continue;
      }
      this.lastEnd = i;
      if (c === CR) {
        if (i + 1 >= length && !final) return -1;
        return buffer[i + 1] === LF ? i + 2 : i + 1;
      }
      return i + 1;
    }
  }
}
