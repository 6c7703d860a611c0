/**
 * Small-count suppression: DESIGN.md's one rule for every dashboard and report cell.
 *
 * Volunteer counts from 1 to `threshold - 1` below city level are replaced by the string
 * `"<threshold"` (`"<5"` with the default threshold of 5). Zero is shown as it is (no person can
 * be singled out by an empty cell), and city-level counts are never suppressed.
 */

/** Geographic level a count is published at. `city` is the whole federation (district `all`). */
export type DisclosureLevel = 'city' | 'district' | 'street';

/** A published count: the number itself, or the suppressed marker such as `"<5"`. */
export type PublishedCount = number | `<${number}`;

/**
 * Applies the suppression rule to one volunteer count.
 *
 * @param value - the true count (null/undefined pass through as null)
 * @param level - where the cell sits: `city`, `district` or `street`
 * @param threshold - counts `1 … threshold-1` are suppressed below city level (config `suppressBelow`, default 5)
 * @example
 * suppressCount(3, 'street', 5); // '<5'
 * suppressCount(3, 'city', 5); // 3
 * suppressCount(0, 'district', 5); // 0
 * suppressCount(12, 'district', 5); // 12
 */
export function suppressCount(
  value: number | null | undefined,
  level: DisclosureLevel,
  threshold: number,
): PublishedCount | null {
  if (value === null || value === undefined) return null;
  if (level === 'city') return value;
  if (value >= 1 && value < threshold) return `<${threshold}`;
  return value;
}

/**
 * The level of an aggregate row from its `district` / `street_code` columns (`all` = rolled up).
 *
 * @example
 * levelOf('all', 'all'); // 'city'
 * levelOf('futian', 'all'); // 'district'
 * levelOf('futian', '440304001'); // 'street'
 */
export function levelOf(district: string, streetCode = 'all'): DisclosureLevel {
  if (streetCode !== 'all') return 'street';
  return district === 'all' ? 'city' : 'district';
}
