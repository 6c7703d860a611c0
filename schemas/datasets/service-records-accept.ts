/**
 * A fast accept path for service-record rows: straight-line code over the same rule functions
 * the zod schema uses, for the common case of a row where every rule passes.
 *
 * The zod schema in `service-records.ts` stays the single definition of the dataset's rules
 * and the oracle: this function must follow it rule for rule (field rules, the cross-field
 * rules of its superRefine and its output transform). It only ever accepts; on any failing
 * rule or anything unusual it returns `undefined` and zod decides, so every rejection (codes,
 * columns, values) still comes from zod. `test/schemas/datasets/service-records-accept.test.ts`
 * guards the equivalence with a property test against zod: change both together.
 */

import type { RawRow, RowContext } from '../dataset.ts';
import { resolveBeneficiaryGroup, resolveCategory, resolveDistrict, streetByCode } from '../reference/index.ts';
import {
  CONTRACT_ID,
  type Funding,
  funderTypeOf,
  isCode,
  PROJECT_CODE,
  resolveFunding,
  resolveStatus,
  type Status,
  VOLUNTEER_NUMBER,
} from '../rules/codes.ts';
import { digitAt, formatClock, isoDateDigits, parseClock, parseFlexibleDate } from '../rules/dates.ts';
import { looksLikeIdNumber, parseIdNumber } from '../rules/id-number.ts';
import { parseCount, parseDecimal2, round2 } from '../rules/numbers.ts';
import { ownString } from '../rules/own-string.ts';
import { EARLIEST, STREET_CODE } from './fields.ts';
import type { ServiceRecordInput } from './service-records.ts';

// Limits written inline in the zod schema (`service-records.ts`, `hoursField` in fields.ts).
const COMMUNITY_MAX_LENGTH = 64;
const BENEFICIARIES_MAX = 100_000;
const HOURS_MAX = 24;
const HOURS_TOLERANCE = 0.25 + 1e-9;

/** Slots of a memo's front table (a power of two). */
const FRONT_SLOTS = 512;

/**
 * Memoises a pure rule function of one cell's text. Dates, clocks and vocabulary cells repeat
 * across a file, so most calls hit; the cache is cleared when full, bounding its memory. Keys
 * are copies ({@link ownString}): a cached cell must not hold its chunk of the file alive.
 *
 * With `front`, a direct-mapped table answers first: a slot chosen from the cell's length and
 * three of its characters holds one recent cell and its value, and a cell equal to it skips
 * the `Map`. A `Map` lookup must hash the cell, a fresh slice of the file each row (measured:
 * ~60–90 ns over the slice itself, against ~0–10 ns for comparing it with a string), so small
 * vocabularies (districts, categories, statuses, codes) save most of their lookup cost. (A
 * check of only the last cell was measured no faster: columns rarely repeat row after row.)
 */
function memo<T>(rule: (text: string) => T, capacity = 4096, front = true): (text: string) => T {
  const cache = new Map<string, T>();
  const frontKeys: (string | undefined)[] = front ? new Array(FRONT_SLOTS).fill(undefined) : [];
  const frontValues: (T | undefined)[] = front ? new Array(FRONT_SLOTS).fill(undefined) : [];
  return (text) => {
    let slot = -1;
    if (front) {
      const n = text.length;
      slot =
        n === 0
          ? 0
          : (n * 7 + text.charCodeAt(0) * 31 + text.charCodeAt(n >> 1) * 131 + text.charCodeAt(n - 1)) & (FRONT_SLOTS - 1);
      if (frontKeys[slot] === text) return frontValues[slot] as T;
    }
    let key: string | undefined;
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      // The cell is a slice of its whole chunk of the file: keep a copy, and derive from it.
      key = ownString(text);
      value = rule(key);
      if (cache.size >= capacity) cache.clear();
      cache.set(key, value);
    }
    if (slot >= 0) {
      frontKeys[slot] = key ?? ownString(text);
      frontValues[slot] = value;
    }
    return value as T;
  };
}

/** What a volunteer id cell yields when valid. */
interface Identity {
  volunteerId: string;
  idKind: ServiceRecordInput['id_kind'];
  birthDate: string | null;
  sex: ServiceRecordInput['sex'];
}

function identityRule(today: string): (cell: string) => Identity | null {
  // `cell` is the memo's own copy: when normalising leaves it as it is, the identity keeps
  // that very string (see VolunteerIdentity: the pseudonym cache then shares it).
  const own = (normalised: string, cell: string) => (normalised === cell ? cell : ownString(normalised));
  return (cell) => {
    if (looksLikeIdNumber(cell)) {
      const parsed = parseIdNumber(cell, today);
      if (!parsed.ok) return null;
      const { normalised, birthDate, sex } = parsed.facts;
      return { volunteerId: own(normalised, cell), idKind: 'id_number', birthDate, sex };
    }
    if (!VOLUNTEER_NUMBER.test(cell)) return null;
    return { volunteerId: own(cell.toUpperCase(), cell), idKind: 'volunteer_number', birthDate: null, sex: null };
  };
}

/**
 * Volunteer ids repeat across a file (people serve many times), and checking an ID number
 * (checksum, real birth date) is one of the dearer rules, so results are memoised per `today`
 * (which bounds birth dates). The cache lives in memory only, as the volunteer-key cache does.
 */
let identities = { today: '', of: memo(identityRule(''), 65_536, false) };
function identityOf(cell: string, today: string): Identity | null {
  if (identities.today !== today) identities = { today, of: memo(identityRule(today), 65_536, false) };
  return identities.of(cell);
}

const districtSlugOf = memo((text) => resolveDistrict(text)?.slug);
const streetOf = memo((text) => (STREET_CODE.test(text) ? streetByCode(text) : undefined));
// Code-shaped cells come back as the memo's own copy: every later stage (row hash, lake
// dictionaries) then sees one string object per distinct value, whose hash V8 has cached and
// which a Map finds by identity, instead of a fresh slice of the file per row.
const projectCodeOf = memo((text) => (PROJECT_CODE.test(text) ? text : undefined));
const contractIdOf = memo((text) => (CONTRACT_ID.test(text) ? text : undefined));
const communityOf = memo((text) => (text.length <= COMMUNITY_MAX_LENGTH ? text : undefined));
const categoryCodeOf = memo((text) => resolveCategory(text)?.code);
const groupCodeOf = memo((text) => resolveBeneficiaryGroup(text)?.code);
const fundingOf = memo(resolveFunding);
const statusOf = memo(resolveStatus);
const flexibleDateOf = memo(parseFlexibleDate);

/** Valid `YYYY-MM-DD` days already seen, by their digits: one string object per day. */
let isoDays = new Map<number, string>();

/**
 * `parseFlexibleDate(text)`: directly for the usual `YYYY-MM-DD` shape (which it returns
 * unchanged when valid: as one shared string per day), memoised for any other.
 *
 * @example
 * dateOf('2026-02-28'); // '2026-02-28'
 * dateOf('2026/2/30');  // undefined
 */
export function dateOf(text: string): string | undefined {
  const digits = isoDateDigits(text);
  if (digits < 0) return flexibleDateOf(text);
  const seen = isoDays.get(digits);
  if (seen !== undefined) return seen;
  const month = Math.floor(digits / 100) % 100;
  const day = digits % 100;
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > 28) {
    let year = Math.floor(digits / 10_000);
    // The rule asks Date.UTC for the month's length, and Date.UTC reads years 0-99 as 1900-1999.
    if (year < 100) year += 1900;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
    if (day > length) return undefined;
  }
  // A few thousand distinct days at most in any real file; bounded whatever comes.
  if (isoDays.size >= 65_536) isoDays = new Map();
  const own = ownString(text);
  isoDays.set(digits, own);
  return own;
}

/** A clock cell: minutes after midnight and their `HH:MM` text. */
interface Clock {
  readonly minutes: number;
  readonly text: string;
}

/** Every clock of a day, by its minutes: one shared object each, never one per cell. */
const CLOCKS: readonly Clock[] = Array.from({ length: 24 * 60 }, (_, minutes) => ({ minutes, text: formatClock(minutes) }));

const flexibleClockTextOf = memo((text): Clock | undefined => {
  const minutes = parseClock(text);
  return minutes === undefined ? undefined : CLOCKS[minutes];
});

/**
 * `parseClock(text)` with `formatClock` of it: directly for the usual `HH:MM` shape (whose
 * text it is), memoised for any other.
 *
 * @example
 * clockOf('09:30'); // { minutes: 570, text: '09:30' }
 * clockOf('9:30');  // { minutes: 570, text: '09:30' }
 */
export function clockOf(text: string): Clock | undefined {
  if (text.length !== 5 || text.charCodeAt(2) !== 58) return flexibleClockTextOf(text);
  const h1 = digitAt(text, 0);
  const h2 = digitAt(text, 1);
  const m1 = digitAt(text, 3);
  const m2 = digitAt(text, 4);
  if ((h1 | h2 | m1 | m2) < 0) return flexibleClockTextOf(text);
  const hours = h1 * 10 + h2;
  if (hours > 23 || m1 > 5) return undefined;
  return CLOCKS[hours * 60 + m1 * 10 + m2];
}

/** Marks a cell that is neither text nor empty (left to zod to report). */
const NOT_TEXT = Symbol('not text');

/** An optional cell: its text, `undefined` when empty, {@link NOT_TEXT} for anything else. */
function optionalCell(value: unknown): string | undefined | typeof NOT_TEXT {
  return value === undefined || typeof value === 'string' ? value : NOT_TEXT;
}

/** Parses an optional `HH:MM` cell: the clock, `undefined` when empty, `null` when invalid. */
function optionalClock(value: unknown): Clock | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return null;
  return clockOf(value) ?? null;
}

/**
 * The value the zod schema of `serviceRecordRowSchema(ctx)` returns for a row where every
 * rule passes; `undefined` when any rule fails or the row is unusual (zod then decides).
 *
 * @example
 * const value = acceptServiceRecord(row, ctx);
 * const result = value ? { ok: true, value } : runRowSchema(serviceRecordRowSchema(ctx), row);
 */
export function acceptServiceRecord(row: RawRow, ctx: RowContext): ServiceRecordInput | undefined {
  const today = ctx.today;
  if (typeof today !== 'string') return undefined;

  // Field rules, in the schema's column order.
  const recordId = row.record_id;
  if (typeof recordId !== 'string' || !isCode(recordId, 64)) return undefined;

  const districtCell = row.district;
  if (typeof districtCell !== 'string') return undefined;
  const district = districtSlugOf(districtCell);
  if (district === undefined || district !== ctx.district) return undefined;

  const streetCode = row.street_code;
  if (typeof streetCode !== 'string') return undefined;
  const street = streetOf(streetCode);
  if (street === undefined || street.district !== district) return undefined;

  const communityCell = optionalCell(row.community);
  if (communityCell === NOT_TEXT) return undefined;
  const community = communityCell === undefined ? undefined : communityOf(communityCell);
  if (communityCell !== undefined && community === undefined) return undefined;

  const volunteerCell = row.volunteer_id;
  if (typeof volunteerCell !== 'string') return undefined;
  const identity = identityOf(volunteerCell, today);
  if (identity === null) return undefined;
  const { volunteerId, idKind, birthDate, sex } = identity;

  const projectCell = row.project_code;
  if (typeof projectCell !== 'string') return undefined;
  const projectCode = projectCodeOf(projectCell);
  if (projectCode === undefined) return undefined;

  const categoryCell = row.category;
  if (typeof categoryCell !== 'string') return undefined;
  const category = categoryCodeOf(categoryCell);
  if (category === undefined) return undefined;

  const dateCell = row.service_date;
  if (typeof dateCell !== 'string') return undefined;
  const serviceDate = dateOf(dateCell);
  if (serviceDate === undefined || serviceDate < EARLIEST || serviceDate > today) return undefined;

  const startClock = optionalClock(row.start_time);
  if (startClock === null) return undefined;
  const endClock = optionalClock(row.end_time);
  if (endClock === null) return undefined;
  const start = startClock?.minutes;
  const end = endClock?.minutes;

  const hoursCell = optionalCell(row.hours);
  if (hoursCell === NOT_TEXT) return undefined;
  let hours: number | undefined;
  if (hoursCell !== undefined) {
    const parsed = parseDecimal2(hoursCell);
    if (parsed === undefined || 'tooPrecise' in parsed) return undefined;
    if (parsed.value <= 0 || parsed.value > HOURS_MAX) return undefined;
    hours = parsed.value;
  }

  const beneficiariesCell = optionalCell(row.beneficiaries);
  if (beneficiariesCell === NOT_TEXT) return undefined;
  let beneficiaries = 0;
  if (beneficiariesCell !== undefined) {
    const n = parseCount(beneficiariesCell);
    if (n === undefined || n > BENEFICIARIES_MAX) return undefined;
    beneficiaries = n;
  }

  const groupCell = optionalCell(row.beneficiary_group);
  if (groupCell === NOT_TEXT) return undefined;
  let beneficiaryGroup: string | null = null;
  if (groupCell !== undefined) {
    const code = groupCodeOf(groupCell);
    if (code === undefined) return undefined;
    beneficiaryGroup = code;
  }

  const fundingCell = optionalCell(row.funding);
  if (fundingCell === NOT_TEXT) return undefined;
  let funding: Funding = 'self_funded';
  if (fundingCell !== undefined) {
    const resolved = fundingOf(fundingCell);
    if (resolved === undefined) return undefined;
    funding = resolved;
  }

  const contractCell = optionalCell(row.contract_id);
  if (contractCell === NOT_TEXT) return undefined;
  const contractId = contractCell === undefined ? undefined : contractIdOf(contractCell);
  if (contractCell !== undefined && contractId === undefined) return undefined;

  const statusCell = optionalCell(row.status);
  if (statusCell === NOT_TEXT) return undefined;
  let status: Status = 'approved';
  if (statusCell !== undefined) {
    const resolved = statusOf(statusCell);
    if (resolved === undefined) return undefined;
    status = resolved;
  }

  // Cross-field rules of the superRefine (district and street were checked above).
  const bothTimes = start !== undefined && end !== undefined;
  if (bothTimes && end <= start) return undefined;
  if (hours === undefined) {
    if (!bothTimes) return undefined;
    hours = round2((end - start) / 60);
  } else if (bothTimes && Math.abs((end - start) / 60 - hours) > HOURS_TOLERANCE) return undefined;

  const needed = funderTypeOf(funding);
  if (needed === undefined) {
    if (contractId !== undefined) return undefined;
  } else {
    if (contractId === undefined) return undefined;
    const contract = ctx.contracts?.get(contractId);
    if (contract === undefined || contract.funder_type !== needed) return undefined;
    if (serviceDate < contract.start_date || serviceDate > contract.end_date) return undefined;
  }

  return {
    record_id: recordId,
    district,
    street_code: street.code,
    community: community ?? null,
    volunteer_id: volunteerId,
    id_kind: idKind,
    birth_date: birthDate,
    sex,
    project_code: projectCode,
    category,
    service_date: serviceDate,
    start_time: startClock?.text ?? null,
    end_time: endClock?.text ?? null,
    hours,
    beneficiaries,
    beneficiary_group: beneficiaryGroup,
    funding,
    contract_id: contractId ?? null,
    status,
  };
}
