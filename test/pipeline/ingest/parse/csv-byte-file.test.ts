import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvPieceRows, openCsv } from '../../../../pipeline/ingest/parse/csv.ts';
import { CsvRangeReader, openCsvBytes, scanCsvBytes } from '../../../../pipeline/ingest/parse/csv-byte-file.ts';
import type { ParsedRow } from '../../../../pipeline/ingest/parse/parsed-row.ts';
import { DATASETS } from '../../../../schemas/datasets/index.ts';

const sr = DATASETS.service_records;

describe('CSV read on its bytes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redvest-bytes-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const cell = fc.oneof(
    fc.constantFrom('', ' ', '\u3000', '\uFEFF', 'R1', 'R2', ' R1 ', 'r1', '记录', 'a,b', 'say "hi"', 'two\nlines', '\t'),
    fc.string({ maxLength: 4, unit: fc.constantFrom('x', '7', ' ', '社', '"', ',', '\r') }),
  );
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

  it('counts, keys, cuts and splits rows exactly as the text path reads them', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 14 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom('record_id,community,姓名,hours', 'community,record_id'),
        fc.integer({ min: 1, max: 5 }),
        async (records, eol, bom, header, maxRecords) => {
          const text = [header, ...records.map((r) => r.map(quote).join(','))].join(eol);
          const target = path.join(dir, `f${file++}.csv`);
          await fs.writeFile(target, (bom ? '\uFEFF' : '') + text, 'utf8');
          const full: ParsedRow[] = [];
          for await (const g of (await openCsv(Readable.from([await fs.readFile(target)]), sr)).groups) full.push(...g);

          const layout = await openCsvBytes(target, sr);
          expect(layout).toBeDefined();
          const keys: [number, string | undefined][] = [];
          const ranges = await scanCsvBytes(
            target,
            layout!,
            'record_id',
            {
              row: (rowNumber, key) => keys.push([rowNumber, key]),
              // Handed over undecoded: their Latin-1 text must be the cell, and plain ASCII.
              rowBytes: (rowNumber, bytes, from, to) => {
                const key = Buffer.from(bytes.subarray(from, to)).toString('latin1');
                expect(key).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/);
                keys.push([rowNumber, key]);
              },
            },
            maxRecords,
          );
          expect(keys).toEqual(full.map((r) => [r.rowNumber, r.cells.record_id]));

          // The ranges tile the body, each of maxRecords records but the last.
          const rows: ParsedRow[] = [];
          let next = 2;
          let at = layout!.bodyOffset;
          const reader = new CsvRangeReader(target, new CsvPieceRows(layout!.header.keys, layout!.delimiter));
          for (const [i, range] of ranges.entries()) {
            expect(range.start).toBe(at);
            expect(range.firstRowNumber).toBe(next);
            if (i < ranges.length - 1) expect(range.records).toBe(maxRecords);
            else expect(range.records).toBeLessThanOrEqual(maxRecords);
            next += range.records;
            at = range.end;
            rows.push(...reader.rows(range));
          }
          expect(at).toBe((await fs.stat(target)).size);
          expect(rows).toEqual(full);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });

  it('refuses a range the file no longer holds', async () => {
    const target = path.join(dir, 'shrunk.csv');
    await fs.writeFile(target, 'record_id,hours\nR1,2\nR2,3\n');
    const layout = (await openCsvBytes(target, sr))!;
    const ranges = await scanCsvBytes(target, layout, 'record_id', { row: () => undefined, rowBytes: () => undefined }, 1);
    expect(ranges.map((r) => [r.firstRowNumber, r.records])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    await fs.writeFile(target, 'record_id,hours\nR1,2\n');
    const reader = new CsvRangeReader(target, new CsvPieceRows(layout.header.keys, layout.delimiter));
    expect(reader.rows(ranges[0]!)).toEqual([{ rowNumber: 2, cells: { record_id: 'R1', hours: '2' } }]);
    expect(() => reader.rows(ranges[1]!)).toThrow(/changed after pass 1/);
  });

  it('leaves GBK files, and headers it cannot find in the first 256 KB, to the text path', async () => {
    const gbk = path.join(dir, 'gbk.csv');
    await fs.writeFile(gbk, iconv.encode('记录编号,社区\nR1,南园\n', 'gbk'));
    expect(await openCsvBytes(gbk, sr)).toBeUndefined();
    const long = path.join(dir, 'long.csv');
    await fs.writeFile(long, `"${'x'.repeat(300 * 1024)}`);
    expect(await openCsvBytes(long, sr)).toBeUndefined();
    const tabs = path.join(dir, 'tabs.csv');
    await fs.writeFile(tabs, '\uFEFFrecord_id\t服务日期\nR1\t2026-01-02\n');
    expect(await openCsvBytes(tabs, sr)).toMatchObject({
      delimiter: '\t',
      bodyOffset: Buffer.byteLength('\uFEFFrecord_id\t服务日期\n'),
      header: { keys: ['record_id', 'service_date'] },
    });
  });
});
