/**
 * Freezes an array of reference rows and every row in it, so shared tables cannot be mutated
 * by a caller.
 *
 * @example
 * const rows = freezeAll([{ code: 'a' }]);
 * Object.isFrozen(rows[0]); // true
 */
export function freezeAll<T extends object>(rows: T[]): readonly Readonly<T>[] {
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}
