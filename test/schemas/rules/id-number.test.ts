import { describe, expect, it } from 'vitest';
import { ageBand, idNumberCheckChar, parseIdNumber } from '../../../schemas/rules/id-number.ts';

describe('ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44030419900101001')).toBe(
      '10X98765432'[
        [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number('44030419900101001'[i]), 0) % 11
      ],
    );
  });

  it('accepts a lower-case x and derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002x', '2026-11-29')).toEqual({
      ok: true,
      facts: { normalised: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' },
    });
  });

  it('rejects a wrong check digit, an impossible or future birth date, and a wrong shape', () => {
    expect(parseIdNumber('110105194912310021', '2026-11-29')).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM' });
    const feb30 = `44030419900230001`;
    expect(parseIdNumber(feb30 + idNumberCheckChar(feb30), '2026-11-29')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    const future = `44030420300101001`;
    expect(parseIdNumber(future + idNumberCheckChar(future), '2026-11-29')).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE' });
    expect(parseIdNumber('4403041990010100', '2026-11-29')).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT' });
  });

  it('bands ages at a date, counting birthdays', () => {
    expect(ageBand('2008-06-01', '2026-05-31')).toBe('under_18');
    expect(ageBand('2008-06-01', '2026-06-01')).toBe('18_24');
    expect(ageBand('1960-01-01', '2026-01-01')).toBe('65_plus');
  });
});
