/**
 * Date and time parsing for district files: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY年M月D日`,
 * spreadsheet serial numbers and `HH:MM` times.
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
/** Excel's day 0 is 1899-12-30 (it counts the fictional 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a Date's UTC calendar day as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * Parses a date written as the contract allows; returns `YYYY-MM-DD` or undefined.
 *
 * @example
 * parseFlexibleDate('2026年3月5日'); // '2026-03-05'
 * parseFlexibleDate('2026/2/30');   // undefined
 */
export function parseFlexibleDate(value: string): string | undefined {
  const text = value.trim();
  const m = ISO.exec(text) ?? SLASH.exec(text) ?? CHINESE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return `${m[1]}-${pad(mo)}-${pad(d)}`;
}

/**
 * Converts a spreadsheet serial day number (1900 date system) to `YYYY-MM-DD`.
 *
 * @example
 * excelSerialToIso(46000); // '2025-12-09'
 */
export function excelSerialToIso(serial: number): string {
  return isoDay(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000));
}

/**
 * Parses `H:MM`, `HH:MM` or `HH:MM:SS` into minutes after midnight.
 *
 * @example
 * parseClock('9:30'); // 570
 */
export function parseClock(value: string): number | undefined {
  const m = /^(\d{1,2}):([0-5]\d)(?::[0-5]\d)?$/.exec(value.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  if (h > 23) return undefined;
  return h * 60 + Number(m[2]);
}

/** Formats minutes after midnight as `HH:MM`. */
export function formatClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The digit at `i` of `text` (0-9), or -1 when it is not an ASCII digit. */
export function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * The year, month and day of a text shaped exactly `YYYY-MM-DD` (digits and dashes only, not
 * yet checked as a calendar date) packed as `yyyymmdd`, or -1 for any other shape. A number
 * rather than an object: ingest reads a date this way for every row.
 *
 * @example
 * isoDateDigits('2026-02-30'); // 20260230
 * isoDateDigits('2026/2/3');   // -1
 */
export function isoDateDigits(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  const m1 = digitAt(text, 5);
  const m2 = digitAt(text, 6);
  const d1 = digitAt(text, 8);
  const d2 = digitAt(text, 9);
  if ((y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) < 0) return -1;
  return (y1 * 1000 + y2 * 100 + y3 * 10 + y4) * 10_000 + (m1 * 10 + m2) * 100 + d1 * 10 + d2;
}
