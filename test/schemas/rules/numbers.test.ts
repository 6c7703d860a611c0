import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCount, parseDecimal2 } from '../../../schemas/rules/numbers.ts';

/** The rules as first written with regular expressions: the fast paths must agree with them. */
const reference = {
  decimal2(text: string): { value: number } | { tooPrecise: true } | undefined {
    const t = text.trim();
    if (/^\d+(\.\d{1,2})?$/.test(t)) return { value: Number(t) };
    if (/^\d+(\.\d+)?$/.test(t)) return { tooPrecise: true };
    return undefined;
  },
  count(text: string): number | undefined {
    const t = text.trim().replace(/\.0+$/, '');
    if (!/^\d+$/.test(t)) return undefined;
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : undefined;
  },
};

/** Number-like cells: digits, points, spaces, signs, exponents, full-width and Arabic-Indic digits. */
const numberish = fc
  .array(fc.constantFrom('0', '1', '5', '9', '.', ' ', '-', '+', 'e', '０', '٣', '\t'), { maxLength: 20 })
  .map((parts) => parts.join(''));

describe('number rules', () => {
  it('parseDecimal2 agrees with its regular-expression definition', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string({ maxLength: 12 })), (text) => {
        expect(parseDecimal2(text)).toEqual(reference.decimal2(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['1.', '.5', '1.5', '01.25', '1.255', ' 2 ', '24.00', '0', '1e2', '１'])
      expect(parseDecimal2(text)).toEqual(reference.decimal2(text));
  });

  it('parseCount agrees with its regular-expression definition, at the 15-digit border too', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string({ maxLength: 12 })), (text) => {
        expect(parseCount(text)).toBe(reference.count(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['999999999999999', '9999999999999999', '9007199254740993', '007', '3.00', ' 4 ', '', '5.'])
      expect(parseCount(text)).toBe(reference.count(text));
  });
});
