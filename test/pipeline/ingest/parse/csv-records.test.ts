import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, CsvSyntaxError } from '../../../../pipeline/ingest/parse/csv-records.ts';

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
});
