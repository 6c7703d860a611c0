import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsv } from '../../../../pipeline/ingest/parse/csv.ts';
import { csvBytePieces, csvBytesRows, openCsvBytes, scanCsvBytes } from '../../../../pipeline/ingest/parse/csv-byte-file.ts';
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
          await scanCsvBytes(target, layout!, 'record_id', {
            row: (rowNumber, key) => keys.push([rowNumber, key]),
            // Handed over undecoded: their Latin-1 text must be the cell, and plain ASCII.
            rowBytes: (rowNumber, bytes, from, to) => {
              const key = Buffer.from(bytes.subarray(from, to)).toString('latin1');
              expect(key).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/);
              keys.push([rowNumber, key]);
            },
          });
          expect(keys).toEqual(full.map((r) => [r.rowNumber, r.cells.record_id]));

          const rows: ParsedRow[] = [];
          let next = 2;
          for await (const piece of csvBytePieces(target, layout!, maxRecords)) {
            expect(piece.firstRowNumber).toBe(next);
            expect(piece.records).toBeLessThanOrEqual(maxRecords);
            expect(piece.bytes.byteOffset).toBe(0);
            expect(piece.bytes.buffer.byteLength).toBe(piece.bytes.byteLength);
            next += piece.records;
            rows.push(...csvBytesRows(piece, layout!.header.keys, layout!.delimiter));
          }
          expect(rows).toEqual(full);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
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
