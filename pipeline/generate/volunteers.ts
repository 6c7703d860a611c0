/**
 * A population of sample volunteers with heavy-tailed participation: most serve a handful of
 * times, a few serve every week. Each person has both an ID number and a volunteer number; each
 * district's system identifies them by one of the two. Some volunteers serve in two districts
 * and are known by ID number at home and by volunteer number elsewhere, linked by a registration
 * row that carries both.
 */
import { DISTRICTS, type Street, streetsOf } from '../../schemas/reference/index.ts';
import { DISTRICT_WEIGHTS, GIVEN_NAME_CHARS, SURNAMES } from './catalogue.ts';
import { addDays, toDay } from './dates.ts';
import { makeIdNumber } from './id-number.ts';
import type { Random } from './random.ts';

export interface Volunteer {
  index: number;
  /** Home district slug (registration district). */
  home: string;
  /** Home street code. */
  street: string;
  idNumber: string;
  volunteerNumber: string;
  /** District where the volunteer also serves (known there by volunteer number), if any. */
  second?: string;
  /** How the home district's system identifies the volunteer. */
  homeIdentifier: 'id' | 'number';
  /** Relative activity (Pareto distributed). */
  activity: number;
  /** Registration date, or undefined when never registered. */
  registeredOn?: string;
  name: string;
  phone: string;
}

/** Area codes used for generated ID numbers (Shenzhen 4403xx). */
const AREA_CODES = ['440301', '440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'];

const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [16, 17, 5],
  [18, 24, 30],
  [25, 34, 25],
  [35, 44, 18],
  [45, 59, 12],
  [60, 75, 10],
];

/** The volunteer's identifier as used in a given district. */
export function identifierIn(volunteer: Volunteer, district: string): string {
  if (district === volunteer.home) return volunteer.homeIdentifier === 'id' ? volunteer.idNumber : volunteer.volunteerNumber;
  return volunteer.volunteerNumber;
}

function birthDate(random: Random, asOf: string): string {
  const band = random.weighted(
    AGE_BANDS,
    AGE_BANDS.map((b) => b[2]),
  );
  const age = random.int(band[0], band[1]);
  const day = toDay(asOf) - age * 365 - random.int(0, 364);
  return addDays('1970-01-01', day).replaceAll('-', '');
}

/**
 * Makes `count` volunteers spread over the districts.
 *
 * @example
 * const volunteers = makeVolunteers(new Random(1), { count: 100, asOf: '2026-06-30', historyStart: '2024-07-01' });
 */
export function makeVolunteers(
  random: Random,
  opts: { count: number; asOf: string; historyStart: string; linkedShare?: number },
): Volunteer[] {
  const slugs = DISTRICTS.map((d) => d.slug);
  const weights = slugs.map((slug) => DISTRICT_WEIGHTS[slug] ?? 1);
  const streetsBySlug = new Map<string, readonly Street[]>(slugs.map((slug) => [slug, streetsOf(slug)]));
  const usedIds = new Set<string>();
  const linkedShare = opts.linkedShare ?? 0.08;
  const volunteers: Volunteer[] = [];
  const registrationSpan = toDay(opts.asOf) - toDay('2010-01-01');

  for (let index = 0; index < opts.count; index++) {
    const home = random.weighted(slugs, weights);
    const street = random.pick(streetsBySlug.get(home) ?? []).code;
    let idNumber = '';
    do {
      idNumber = makeIdNumber({
        area: random.pick(AREA_CODES),
        birth: birthDate(random, opts.asOf),
        sex: random.chance(0.55) ? 'female' : 'male',
        serial: random.int(0, 499),
      });
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const linked = random.chance(linkedShare);
    const second = linked ? random.pick(slugs.filter((slug) => slug !== home)) : undefined;
    // Pareto(α = 1.2) activity, capped so the busiest serve about weekly.
    const activity = Math.min(60, (1 - random.next()) ** (-1 / 1.2));
    const registered = linked || random.chance(0.9);
    // Half registered before the history window, half within it.
    const registeredOn = registered
      ? random.chance(0.5)
        ? addDays('2010-01-01', random.int(0, registrationSpan - (toDay(opts.asOf) - toDay(opts.historyStart))))
        : addDays(opts.historyStart, random.int(0, toDay(opts.asOf) - toDay(opts.historyStart)))
      : undefined;
    volunteers.push({
      index,
      home,
      street,
      idNumber,
      volunteerNumber: `SZYG${String(10_000_000 + index * 7 + random.int(0, 6)).padStart(8, '0')}`,
      second,
      homeIdentifier: linked || random.chance(0.55) ? 'id' : 'number',
      activity,
      registeredOn,
      name: random.pick(SURNAMES) + random.pick(GIVEN_NAME_CHARS) + (random.chance(0.7) ? random.pick(GIVEN_NAME_CHARS) : ''),
      phone: `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
    });
  }
  return volunteers;
}
