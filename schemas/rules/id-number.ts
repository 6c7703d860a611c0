/**
 * Mainland China resident ID numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2
 * check character; digits 7–14 hold the birth date, digit 17 the sex (odd = male).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dXx]$/;

/** What an ID number tells about its holder, once validated. */
export interface IdNumberFacts {
  /** Upper-cased ID number (kept only long enough to pseudonymise it). */
  normalised: string;
  birthDate: string;
  sex: 'M' | 'F';
}

/** True when the value has the shape of an ID number (17 digits + digit/X), checksum aside. */
export function looksLikeIdNumber(value: string): boolean {
  return SHAPE.test(value);
}

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits.
 *
 * @example
 * idNumberCheckChar('11010519491231002'); // 'X'
 */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when `YYYYMMDD` is a real calendar date on or after 1900-01-01. */
function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Validates an ID number; returns the facts or the failing rule.
 *
 * @example
 * parseIdNumber('11010519491231002X'); // { ok: true, facts: { birthDate: '1949-12-31', sex: 'F', … } }
 */
export function parseIdNumber(
  value: string,
  today: string,
): { ok: true; facts: IdNumberFacts } | { ok: false; code: 'ID_NUMBER_CHECKSUM' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_FORMAT' } {
  if (!SHAPE.test(value)) return { ok: false, code: 'ID_NUMBER_FORMAT' };
  const normalised = value.toUpperCase();
  if (idNumberCheckChar(normalised) !== normalised[17]) return { ok: false, code: 'ID_NUMBER_CHECKSUM' };
  const birth = normalised.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isRealDate(birth) || birthDate > today) return { ok: false, code: 'ID_NUMBER_BIRTH_DATE' };
  const sex = (normalised.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, facts: { normalised, birthDate, sex } };
}

/** Age bands reported in the lake (never the birth date itself). */
export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * Age band of a person born on `birthDate` on day `onDate` (both `YYYY-MM-DD`).
 *
 * @example
 * ageBand('2000-06-01', '2026-05-31'); // '25_34'
 */
export function ageBand(birthDate: string, onDate: string): AgeBand {
  let age = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (onDate.slice(5) < birthDate.slice(5)) age -= 1;
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}
