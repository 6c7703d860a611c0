/** SQL literals both engines read the same way. */

/**
 * A quoted string literal.
 *
 * @example
 * sqlString("O'Brien"); // "'O''Brien'"
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A DATE literal from `YYYY-MM-DD`.
 *
 * @example
 * sqlDate('2026-11-01'); // "DATE '2026-11-01'"
 */
export function sqlDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date: ${value}`);
  return `DATE '${value}'`;
}

/** An integer literal (throws on anything else). */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/** A nullable string literal. */
export function sqlNullableString(value: string | null | undefined): string {
  return value === null || value === undefined ? 'CAST(NULL AS VARCHAR)' : sqlString(value);
}
