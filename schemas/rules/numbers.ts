/** Number parsing shared by the data contract's rules. */

const DECIMAL_2 = /^\d+(\.\d{1,2})?$/;
const DECIMAL_ANY = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Parses a non-negative decimal with at most two decimals; `tooPrecise` marks a valid
 * number with more decimals (a different rule from "not a number").
 *
 * @example
 * parseDecimal2('1.5');   // { value: 1.5 }
 * parseDecimal2('1.555'); // { tooPrecise: true }
 */
export function parseDecimal2(text: string): { value: number } | { tooPrecise: true } | undefined {
  // Digits with at most two decimals and nothing around them (the usual cell) pass without
  // a regular expression; the value is still `Number`'s, so both ways agree to the bit.
  if (plainDecimalPlaces(text) <= 2) return { value: Number(text) };
  const t = text.trim();
  if (DECIMAL_2.test(t)) return { value: Number(t) };
  if (DECIMAL_ANY.test(t)) return { tooPrecise: true };
  return undefined;
}

/**
 * Parses a non-negative integer written with digits only (a trailing `.0` from
 * spreadsheets is accepted).
 *
 * @example
 * parseCount('12'); // 12
 */
export function parseCount(text: string): number | undefined {
  // Up to 15 digits and nothing else (the usual cell): exact as a double, no regex needed.
  const length = text.length;
  if (length > 0 && length <= 15) {
    let value = 0;
    let i = 0;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (!isDigit(code)) break;
      value = value * 10 + (code - 48);
    }
    if (i === length) return value;
  }
  const t = text.trim().replace(/\.0+$/, '');
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Decimal places of `text` when it is ASCII digits with an optional point followed by at
 * least one digit (`/^\d+(\.\d+)?$/`); Infinity for anything else.
 */
function plainDecimalPlaces(text: string): number {
  const n = text.length;
  let i = 0;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return Number.POSITIVE_INFINITY;
  if (i === n) return 0;
  if (text.charCodeAt(i) !== 46 || i + 1 === n) return Number.POSITIVE_INFINITY;
  for (let k = i + 1; k < n; k++) if (!isDigit(text.charCodeAt(k))) return Number.POSITIVE_INFINITY;
  return n - i - 1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Rounds to two decimals (half away from zero), avoiding binary drift. */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
