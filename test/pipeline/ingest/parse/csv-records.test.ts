import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, CsvSyntaxError, UNREAD_FIELD } from '../../../../pipeline/ingest/parse/csv-records.ts';

function splitInChunks(text: string, cuts: number[], delimiter = ','): string[][] {
  const splitter = new CsvRecordSplitter(delimiter, 1000);
  const records: string[][] = [];
  const push = (r: string[]) => records.push(r);
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    splitter.push(text.slice(at, cut), push);
    at = cut;
  }
  splitter.push(text.slice(at), push);
  splitter.end(push);
  return records;
}

describe('CsvRecordSplitter', () => {
  it('splits quoted fields, escaped quotes, embedded line breaks and every line end, across chunk borders', () => {
    const text = 'a,"b ""c""",d\r\n"x\ny",,z\r\rlast,"q"';
    const expected = [['a', 'b "c"', 'd'], ['x\ny', '', 'z'], [''], ['last', 'q']];
    for (let cut = 0; cut <= text.length; cut++) expect(splitInChunks(text, [cut])).toEqual(expected);
  });

  it('keeps a quote inside an unquoted field and text after a closing quote', () => {
    expect(splitInChunks('ab"c,"d"e\n', [])).toEqual([['ab"c', 'de']]);
  });

  it('refuses an unterminated quote and an over-long record', () => {
    expect(() => splitInChunks('a,"b\n', [])).toThrow(CsvSyntaxError);
    expect(() => splitInChunks(`"${'x'.repeat(2000)}`, [10])).toThrow(CsvSyntaxError);
  });

  it('agrees with csv-parse on well-formed CSV, however the text is cut into chunks', () => {
    const cell = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '\r\n', '\t', '服') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        (rows, cuts) => {
          const text = rows
            .map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
            .join('\r\n');
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
          expect(splitInChunks(text, cuts)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('finds the same records in its text and wanted-fields modes as when splitting every field', () => {
    const cell = fc.string({ maxLength: 6, unit: fc.constantFrom('a', '9', ' ', ',', '"', '\n', '\r\n', '服') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(300), { maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 4 }),
        (rows, cuts, wanted) => {
          const text = rows
            .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
            .join('\n');
          const expected = splitInChunks(text, cuts);
          const chunks: string[] = [];
          let at = 0;
          for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
            chunks.push(text.slice(at, cut));
            at = cut;
          }
          chunks.push(text.slice(at));

          // Text mode: the complete records' texts add up to the input, record ends included.
          const scanner = new CsvRecordSplitter(',', 1000, []);
          let joined = '';
          let records = 0;
          const ends: number[] = [];
          for (const chunk of chunks) {
            const before = joined.length;
            const piece = scanner.pushText(chunk, (end) => ends.push(before + end));
            joined += piece.text;
            records += piece.records;
          }
          const before = joined.length;
          const last = scanner.endText((end) => ends.push(before + end));
          joined += last.text;
          records += last.records;
          expect(joined).toBe(text);
          expect(records).toBe(expected.length);
          expect(ends.at(-1) ?? 0).toBe(text.length);
          const again: string[][] = [];
          let from = 0;
          for (const end of ends) {
            again.push(...splitInChunks(text.slice(from, end), []));
            from = end;
          }
          expect(again).toEqual(expected);

          // Wanted fields: those come back whole; the others empty when empty, else unread or whole.
          const selective = new CsvRecordSplitter(',', 1000, wanted);
          const got: string[][] = [];
          for (const chunk of chunks) selective.push(chunk, (r) => got.push(r));
          selective.end((r) => got.push(r));
          expect(got.length).toBe(expected.length);
          for (const [r, record] of got.entries())
            for (const [f, field] of record.entries()) {
              const full = expected[r]![f]!;
              if (wanted[f] === true || full === '') expect(field).toBe(full);
              else expect([full, UNREAD_FIELD]).toContain(field);
            }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
