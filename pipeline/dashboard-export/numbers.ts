/**
 * Normalises values coming out of a {@link QueryEngine}: DuckDB returns numbers, bigints or
 * decimal strings, Athena returns every value as a string.
 */

/**
 * A finite number, or null for NULL / empty / non-numeric values.
 *
 * @example
 * toNumber('12.50'); // 12.5
 * toNumber(7n); // 7
 * toNumber(null); // null
 */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(typeof value === 'bigint' ? value : String(value));
  return Number.isFinite(n) ? n : null;
}

/**
 * {@link toNumber} rounded to a number of decimals (default 2), for hours and money.
 *
 * @example
 * toRounded('1.005', 2); // 1.01
 */
export function toRounded(value: unknown, decimals = 2): number | null {
  const n = toNumber(value);
  if (n === null) return null;
  const factor = 10 ** decimals;
  return Math.round((n + Number.EPSILON) * factor) / factor;
}

/** Sum of numbers ignoring nulls, rounded to 2 decimals. */
export function sum(values: Iterable<number | null>): number {
  let total = 0;
  for (const value of values) total += value ?? 0;
  return Math.round(total * 100) / 100;
}

/** Text of a value (null stays null). */
export function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
