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
  const t = text.trim().replace(/\.0+$/, '');
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Rounds to two decimals (half away from zero), avoiding binary drift. */
export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
