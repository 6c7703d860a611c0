/**
 * Calendar helpers on `YYYY-MM-DD` strings (UTC day arithmetic, no time zones involved).
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

const FROM_DAY_CACHE = new Map<number, string>();

/** ISO date of a day number (memoised: generators format the same few hundred days millions of times). */
export function fromDay(day: number): string {
  let iso = FROM_DAY_CACHE.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (FROM_DAY_CACHE.size < 100_000) FROM_DAY_CACHE.set(day, iso);
  }
  return iso;
}

/**
 * Adds days to an ISO date.
 *
 * @example
 * addDays('2024-02-28', 2); // '2024-03-01'
 */
export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/**
 * Moves an ISO date by whole months, clamping the day to the target month's length.
 *
 * @example
 * addMonths('2024-03-31', -1); // '2024-02-29'
 */
export function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1 + months;
  const day = Number(iso.slice(8, 10));
  const first = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

/** Whether a string is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** `HH:MM` of minutes since midnight. */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since midnight of `HH:MM`. */
export function parseTime(value: string): number {
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}
