/**
 * Field rules shared by the datasets, each a zod schema over a cell's text whose issues are
 * error codes (see `schemas/messages.ts`).
 */
import { z } from 'zod';
import { addIssue, coded } from '../dataset.ts';
import type { RowErrorCode } from '../messages.ts';
import { resolveDistrict, streetByCode } from '../reference/index.ts';
import { VOLUNTEER_NUMBER } from '../rules/codes.ts';
import { parseClock, parseFlexibleDate } from '../rules/dates.ts';
import { looksLikeIdNumber, parseIdNumber } from '../rules/id-number.ts';
import { parseCount, parseDecimal2 } from '../rules/numbers.ts';
import { ownString } from '../rules/own-string.ts';

/** The earliest date a date cell may hold (`YYYY-MM-DD`). */
export const EARLIEST = '1990-01-01';

/** A required text cell; a missing value reports `REQUIRED`, a non-text one `code`. */
export const requiredText = (code: RowErrorCode) => z.string(coded(code));

/**
 * A transform resolving a cell through a lookup function; unknown values report `code`.
 *
 * @example
 * z.string().transform(lookup('CATEGORY_UNKNOWN', (v) => resolveCategory(v)?.code));
 */
export function lookup<T>(code: RowErrorCode, resolve: (v: string) => T | undefined) {
  return (value: string, ctx: z.RefinementCtx): T => {
    const found = resolve(value);
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: code });
      return z.NEVER;
    }
    return found;
  };
}

/** A district cell resolved to its slug. */
export const districtField = () =>
  requiredText('DISTRICT_UNKNOWN').transform(lookup('DISTRICT_UNKNOWN', (v) => resolveDistrict(v)?.slug));

/** The shape of a street code: 9 digits. */
export const STREET_CODE = /^\d{9}$/;

/** A 9-digit street code cell (membership is checked by {@link checkStreet}). */
export const streetCodeField = () => requiredText('STREET_CODE_FORMAT').regex(STREET_CODE, { error: 'STREET_CODE_FORMAT' });

/** Checks a street exists and belongs to the district (cross-field rule). */
export function checkStreet(refine: z.RefinementCtx, streetCode: string, district: string): void {
  const street = streetByCode(streetCode);
  if (!street) addIssue(refine, 'street_code', 'STREET_UNKNOWN');
  else if (street.district !== district) addIssue(refine, 'street_code', 'STREET_NOT_IN_DISTRICT');
}

/** Parses a date cell into `YYYY-MM-DD`, not before 1990-01-01 and, given `today`, not after it. */
function parseDateCell(value: string, ctx: z.RefinementCtx, today: string | undefined): string {
  const iso = parseFlexibleDate(value);
  if (!iso) {
    ctx.addIssue({ code: 'custom', message: 'DATE_FORMAT' });
    return z.NEVER;
  }
  if (iso < EARLIEST) {
    ctx.addIssue({ code: 'custom', message: 'DATE_TOO_EARLY' });
    return z.NEVER;
  }
  if (today !== undefined && iso > today) {
    ctx.addIssue({ code: 'custom', message: 'DATE_IN_FUTURE' });
    return z.NEVER;
  }
  return iso;
}

/** A required date cell (`today` given: later dates are rejected). */
export const dateField = (today?: string) => requiredText('DATE_FORMAT').transform((v, ctx) => parseDateCell(v, ctx, today));

/** An optional date cell. */
export const optionalDateField = (today?: string) =>
  z
    .string()
    .transform((v, ctx) => parseDateCell(v, ctx, today))
    .optional();

/** An optional `HH:MM` cell, as minutes after midnight. */
export const clockField = () =>
  z
    .string(coded('TIME_FORMAT'))
    .transform((value, ctx) => {
      const minutes = parseClock(value);
      if (minutes === undefined) {
        ctx.addIssue({ code: 'custom', message: 'TIME_FORMAT' });
        return z.NEVER;
      }
      return minutes;
    })
    .optional();

/** An hours cell: a number with at most 2 decimals, 0 < h ≤ 24. */
export const hoursField = () =>
  z
    .string(coded('HOURS_FORMAT'))
    .transform((value, ctx) => {
      const parsed = parseDecimal2(value);
      if (parsed === undefined || 'tooPrecise' in parsed) {
        ctx.addIssue({ code: 'custom', message: 'HOURS_FORMAT' });
        return z.NEVER;
      }
      if (parsed.value <= 0 || parsed.value > 24) {
        ctx.addIssue({ code: 'custom', message: 'HOURS_RANGE' });
        return z.NEVER;
      }
      return parsed.value;
    })
    .optional();

/** A non-negative integer cell up to `max`. */
export const countField = (code: RowErrorCode, max = Number.MAX_SAFE_INTEGER) =>
  z.string(coded(code)).transform((value, ctx) => {
    const n = parseCount(value);
    if (n === undefined || n > max) {
      ctx.addIssue({ code: 'custom', message: code });
      return z.NEVER;
    }
    return n;
  });

/** A non-negative amount with at most 2 decimals. */
export const amountField = () =>
  z.string(coded('AMOUNT_FORMAT')).transform((value, ctx) => {
    const parsed = parseDecimal2(value);
    if (parsed === undefined || 'tooPrecise' in parsed) {
      ctx.addIssue({ code: 'custom', message: 'AMOUNT_FORMAT' });
      return z.NEVER;
    }
    return parsed.value;
  });

/** What a validated volunteer identifier yields (the raw value lives only until pseudonymised). */
export interface VolunteerIdentity {
  /**
   * Trimmed and upper-cased, as a string of its own ({@link ownString}, never a slice of the
   * file), so the pseudonym cache may keep this very string as its key.
   */
  volunteer_id: string;
  id_kind: 'id_number' | 'volunteer_number';
  birth_date: string | null;
  sex: 'M' | 'F' | null;
}

function idNumber(value: string, ctx: z.RefinementCtx, today: string): VolunteerIdentity {
  const parsed = parseIdNumber(value, today);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.code });
    return z.NEVER;
  }
  return {
    volunteer_id: ownString(parsed.facts.normalised),
    id_kind: 'id_number',
    birth_date: parsed.facts.birthDate,
    sex: parsed.facts.sex,
  };
}

function volunteerNumber(value: string, ctx: z.RefinementCtx): VolunteerIdentity {
  if (!VOLUNTEER_NUMBER.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'VOLUNTEER_NUMBER_FORMAT' });
    return z.NEVER;
  }
  return { volunteer_id: ownString(value.toUpperCase()), id_kind: 'volunteer_number', birth_date: null, sex: null };
}

/**
 * A volunteer id judged by its value whatever the header: an ID-number shape must pass the
 * checksum and hold a real birth date; anything else must be a volunteer number.
 */
export const volunteerIdField = (today: string) =>
  requiredText('VOLUNTEER_NUMBER_FORMAT').transform((value, ctx) =>
    looksLikeIdNumber(value) ? idNumber(value, ctx, today) : volunteerNumber(value, ctx),
  );

/** An optional cell that must be an ID number. */
export const idNumberField = (today: string) =>
  z
    .string()
    .transform((value, ctx) => idNumber(value, ctx, today))
    .optional();

/** An optional cell that must be a volunteer number. */
export const volunteerNumberField = () =>
  z
    .string()
    .transform((value, ctx) => volunteerNumber(value, ctx))
    .optional();
