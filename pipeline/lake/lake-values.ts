/**
 * Conversions from lake row values (as validation and normalisation produce them) to the
 * numbers Parquet stores: days since the epoch for dates, epoch milliseconds for
 * timestamps, unscaled integers for decimals.
 */
import { isoDateDigits } from '../../schemas/rules/dates.ts';

const DAY_MS = 86_400_000;

/** Days between 1970-01-01 and a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Days since the epoch of a `YYYY-MM-DD` day, as `Date.parse` of its UTC midnight gives
 * them (V8 also rolls a day past its month's end, `2025-02-30`, into the next month, as
 * the arithmetic does); anything else goes through `Date.parse` itself.
 *
 * @example
 * epochDay('1970-01-02'); // 1
 */
export function epochDay(value: string): number {
  const digits = isoDateDigits(value);
  if (digits >= 0) {
    const month = Math.floor(digits / 100) % 100;
    const day = digits % 100;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return daysFromCivil(Math.floor(digits / 10_000), month, day);
  }
  return Math.round(Date.parse(`${value}T00:00:00Z`) / DAY_MS);
}

/**
 * The scale of a `decimal(p,s)` storage type.
 *
 * @example
 * decimalScale('decimal(5,2)'); // 2
 */
export function decimalScale(sql: string): number {
  const match = /^decimal\(\d+,(\d+)\)$/.exec(sql);
  if (!match) throw new Error(`unknown storage type ${sql}`);
  return Number(match[1]);
}
