import fc from 'fast-check';
import murmurHash3 from 'murmurhash3js-revisited';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../../pipeline/identity/normalise.ts';
import { contentColumns, fixed4, rowHash } from '../../../pipeline/identity/row-hash.ts';
import { DATASETS } from '../../../schemas/datasets/index.ts';

/**
 * The reference: the row hash as specified, with murmurhash3js-revisited over the text's
 * UTF-16LE bytes, the text built from `toFixed(4)` and `String`.
 */
function reference(columns: readonly string[], record: StoredRecord): string {
  let text = '';
  for (const column of columns) {
    const v = record[column];
    text += v === null || v === undefined ? '\u0000' : typeof v === 'number' ? v.toFixed(4) : String(v);
    text += '\u001f';
  }
  return murmurHash3.x86.hash128(Buffer.from(text, 'utf16le'));
}

const numberArb = fc.oneof(
  fc.integer(),
  fc.double({ min: -1e22, max: 1e22 }).map(Math.trunc),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }).map(Number),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 10_000),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
  fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 1000 + 1e6),
  fc.double(),
  fc.double({ min: -2e9, max: 2e9 }),
  fc.double({ min: -1e-3, max: 1e-3 }),
  fc.constantFrom(0, -0, 0.5, 1.00005, 0.00005, -0.00005, 2.675, 1e21, -1e21, 1e20, 999_999_999.9999, 1e9, 123456789.12345),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity),
);
const valueArb = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  numberArb,
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 100, maxLength: 400 }),
  fc.constantFrom('南园东社区', '\u0000', '\u001f', ''),
);

/** The next double above a finite number. */
function nextUp(v: number): number {
  if (v === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([v]).buffer);
  bits[0]! += v > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0]!;
}

describe('fixed4', () => {
  it('equals toFixed(4) for any number', () => {
    fc.assert(
      fc.property(numberArb, (n) => {
        expect(fixed4(n)).toBe(n.toFixed(4));
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals toFixed(4) around every four-place decimal near ties and range edges', () => {
    for (const base of [0, 1, -1, 2.5, 1e8, -1e8, 999_999_999]) {
      for (let i = -50; i <= 50; i++) {
        const v = base + i / 10_000;
        for (const w of [v, v + 5e-5, v - 5e-5, nextUp(v)]) expect(fixed4(w)).toBe(w.toFixed(4));
      }
    }
  });
});

describe('rowHash', () => {
  it('equals the reference over generated records', () => {
    const columns = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 6, maxLength: 6 }), (values) => {
        const record = Object.fromEntries(columns.map((c, i) => [c, values[i]])) as StoredRecord;
        expect(rowHash(columns, record)).toBe(reference(columns, record));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the reference for service records, with absent columns hashed as null', () => {
    const columns = contentColumns(DATASETS.service_records.table);
    const record = {
      record_id: 'FUB000000001',
      street_code: '440304001',
      community: '南园东社区',
      volunteer_key: 'a'.repeat(64),
      id_kind: 'id_number',
      sex: 'F',
      age_band: null,
      project_code: 'SZ-SBZA',
      category: 'elderly_care',
      service_date: '2025-05-04',
      start_time: null,
      hours: 1.25,
      beneficiaries: 3,
      status: 'approved',
    } satisfies StoredRecord;
    expect(rowHash(columns, record)).toBe(reference(columns, record));
    expect(rowHash(columns, { ...record, hours: 1.2501 })).not.toBe(rowHash(columns, record));
  });

  it('hashes rows longer than its first buffer, and short rows after them', () => {
    const columns = ['a', 'b', 'c'];
    const long = { a: 'x'.repeat(3000), b: '长'.repeat(9000), c: 1.5 } satisfies StoredRecord;
    const short = { a: 'R1', b: null, c: 2 } satisfies StoredRecord;
    expect(rowHash(columns, long)).toBe(reference(columns, long));
    expect(rowHash(columns, short)).toBe(reference(columns, short));
    expect(rowHash(columns, { ...long, b: `${long.b}!` })).not.toBe(rowHash(columns, long));
  });

  it('keeps texts apart that UTF-8 would merge (lone surrogates)', () => {
    const columns = ['a'];
    expect(rowHash(columns, { a: '\ud800' })).not.toBe(rowHash(columns, { a: '\udc00' }));
  });

  it('handles odd column names and distinct column lists with the same contents', () => {
    const odd = ["it's", 'a"b', 'back\\slash', '换行\n', '__proto__', 'constructor'];
    const record = Object.fromEntries(odd.map((c, i) => [c, i % 2 ? c : i])) as StoredRecord;
    expect(rowHash(odd, record)).toBe(reference(odd, record));
    expect(rowHash([...odd].reverse(), record)).toBe(reference([...odd].reverse(), record));
    expect(rowHash([], record)).toBe(reference([], record));
  });
});
