import { describe, expect, it } from 'vitest';
import {
  digitAt,
  excelSerialToIso,
  formatClock,
  isoDateDigits,
  parseClock,
  parseFlexibleDate,
} from '../../../schemas/rules/dates.ts';

describe('dates and times', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', undefined],
    ['2026-13-01', undefined],
    ['05/03/2026', undefined],
    ['2026-3-5 10:00', undefined],
  ])('parses %s as %s', (text, expected) => {
    expect(parseFlexibleDate(text)).toBe(expected);
  });

  it('converts spreadsheet serial days', () => {
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
  });

  it('parses and formats clock times', () => {
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('23:59:59')).toBe(1439);
    expect(parseClock('24:00')).toBeUndefined();
    expect(parseClock('9.30')).toBeUndefined();
    expect(formatClock(545)).toBe('09:05');
  });

  it('reads the digits of an exact YYYY-MM-DD shape and nothing else', () => {
    expect(isoDateDigits('2026-02-30')).toBe(20260230);
    expect(isoDateDigits('0099-01-01')).toBe(990101);
    for (const text of ['2026/02/03', '2026-2-03', '2026-02-3 ', '2026-0a-03', '２０２６-02-03', ''])
      expect(isoDateDigits(text)).toBe(-1);
    expect([digitAt('a7', 1), digitAt('a7', 0), digitAt('/', 0), digitAt(':', 0)]).toEqual([7, -1, -1, -1]);
  });
});
