import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvByteRecords, CsvBytesGiveUp } from '../../../../pipeline/ingest/parse/csv-bytes.ts';
import { CsvRecordSplitter, CsvSyntaxError } from '../../../../pipeline/ingest/parse/csv-records.ts';

/** Record texts (line ends included) as the text splitter cuts them. */
function textRecords(text: string): string[] {
  const splitter = new CsvRecordSplitter(',', 1000, []);
  const out: string[] = [];
  const take = (piece: { text: string }, ends: number[]) => {
    let from = 0;
    for (const end of ends) {
      out.push(piece.text.slice(from, end));
      from = end;
    }
  };
  let ends: number[] = [];
  take(
    splitter.pushText(text, (e) => ends.push(e)),
    ends,
  );
  ends = [];
  take(
    splitter.endText((e) => ends.push(e)),
    ends,
  );
  return out;
}

/** Record texts as the byte scanner cuts them, the bytes fed in chunks cut anywhere. */
function byteRecords(bytes: Buffer, cuts: number[]): { records: string[]; bodies: string[] } {
  const scanner = new CsvByteRecords(',', 1000);
  const records: string[] = [];
  const bodies: string[] = [];
  const on = (b: Buffer, start: number, end: number, next: number) => {
    records.push(b.toString('utf8', start, next));
    bodies.push(b.toString('utf8', start, end));
  };
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    scanner.push(bytes.subarray(at, cut), on);
    at = cut;
  }
  scanner.push(bytes.subarray(at), on);
  scanner.end(on);
  return { records, bodies };
}

describe('CsvByteRecords', () => {
  const unit = fc.constantFrom('a', '9', ' ', ',', '"', '""', '\n', '\r\n', '\r', '服', '𠀀');

  it('finds the records the text splitter finds, however the bytes are cut (multi-byte characters too)', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.array(fc.nat(200), { maxLength: 6 }), (units, cuts) => {
        const text = units.join('');
        let expected: string[];
        try {
          expected = textRecords(text);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
          expect(() => byteRecords(Buffer.from(text, 'utf8'), cuts)).toThrow(CsvBytesGiveUp);
          return;
        }
        const { records, bodies } = byteRecords(Buffer.from(text, 'utf8'), cuts);
        expect(records).toEqual(expected);
        // A record's body is the record without its line end.
        for (const [i, body] of bodies.entries()) expect(records[i]!.replace(/(\r\n|\r|\n)$/, '')).toBe(body);
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  it('gives up on a record longer than its limit (the text path then judges it in characters)', () => {
    const scanner = new CsvByteRecords(',', 10);
    expect(() => scanner.push(Buffer.from('"abcdefghijklmnop'), () => undefined)).toThrow(CsvBytesGiveUp);
  });
});
