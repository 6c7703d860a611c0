import { describe, expect, it } from 'vitest';
import { KeyHashSet, rawNaturalKey } from '../../../pipeline/ingest/in-file-duplicates.ts';

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
});

describe('rawNaturalKey', () => {
  it('keys registrations by upper-cased volunteer number, else ID number', () => {
    expect(rawNaturalKey('registrations', { volunteer_number: 'sz123', id_number: 'x' })).toBe('N#SZ123');
    expect(rawNaturalKey('registrations', { id_number: '44030419900101001x' })).toBe('I#44030419900101001X');
    expect(rawNaturalKey('service_records', { record_id: 'R1' })).toBe('R1');
  });
});
