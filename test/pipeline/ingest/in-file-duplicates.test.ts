import { describe, expect, it } from 'vitest';
import { DuplicateRows, KeyHashSet, naturalKeyColumns, rawNaturalKey } from '../../../pipeline/ingest/in-file-duplicates.ts';

describe('KeyHashSet', () => {
  it('remembers every distinct key once, sized for the expected count without growing', () => {
    const seen = new KeyHashSet(100_000);
    const capacity = seen.capacity;
    expect(capacity * 8).toBeLessThan(1.4 * 1024 * 1024); // about 11 bytes a key
    for (let i = 0; i < 100_000; i++) expect(seen.add(`FUB${String(i).padStart(9, '0')}`)).toBe(true);
    expect(seen.capacity).toBe(capacity);
    for (let i = 0; i < 100_000; i += 7) expect(seen.add(`FUB${String(i).padStart(9, '0')}`)).toBe(false);
    expect(seen.size).toBe(100_000);
  });

  it('grows past the expected count and still finds every earlier key', () => {
    const seen = new KeyHashSet(10);
    for (let i = 0; i < 5000; i++) expect(seen.add(`R${i}`)).toBe(true);
    expect(seen.capacity).toBeGreaterThan(5000);
    for (let i = 0; i < 5000; i++) expect(seen.add(`R${i}`)).toBe(false);
    expect(seen.add('R5000')).toBe(true);
  });

  it('takes a key as Latin-1 bytes or as text alike, mixed in one set', () => {
    const seen = new KeyHashSet(100);
    const bytes = Buffer.from(',FUB000000001,FUB000000002,é', 'latin1');
    expect(seen.addLatin1(bytes, 1, 13)).toBe(true);
    expect(seen.add('FUB000000001')).toBe(false);
    expect(seen.add('FUB000000002')).toBe(true);
    expect(seen.addLatin1(bytes, 14, 26)).toBe(false);
    expect(seen.addLatin1(bytes, 27, 28)).toBe(true);
    expect(seen.add('é')).toBe(false);
    expect(seen.addLatin1(bytes, 1, 1)).toBe(true);
    expect(seen.add('')).toBe(false);
    expect(seen.size).toBe(4);
  });
});

describe('rawNaturalKey', () => {
  it('keys registrations by upper-cased volunteer number, else ID number', () => {
    expect(rawNaturalKey('registrations', { volunteer_number: 'sz123', id_number: 'x' })).toBe('N#SZ123');
    expect(rawNaturalKey('registrations', { id_number: '44030419900101001x' })).toBe('I#44030419900101001X');
    expect(rawNaturalKey('service_records', { record_id: 'R1' })).toBe('R1');
  });
});

describe('DuplicateRows', () => {
  it('hands out the duplicates of each range and answers row by row, moving forward', () => {
    const rows = new DuplicateRows();
    for (const n of [5, 9, 10, 40]) rows.add(n);
    expect(rows.size).toBe(4);
    expect(rows.within(2, 5)).toEqual([]);
    expect(rows.within(5, 10)).toEqual([5, 9]);
    expect(rows.within(10, 40)).toEqual([10]);
    expect(rows.within(41, 100)).toEqual([]);
    rows.rewind();
    expect([4, 5, 6, 9, 10, 11, 40].map((n) => rows.has(n))).toEqual([false, true, false, true, true, false, true]);
  });
});

describe('naturalKeyColumns', () => {
  it('names every column rawNaturalKey reads', () => {
    expect(rawNaturalKey('registrations', { id_number: 'x' })).toBe('I#X');
    expect(naturalKeyColumns('registrations')).toEqual(['volunteer_number', 'id_number']);
    for (const dataset of ['service_records', 'projects', 'contracts'] as const) {
      const [column] = naturalKeyColumns(dataset);
      expect(rawNaturalKey(dataset, { [column!]: 'K1' })).toBe('K1');
    }
  });
});
