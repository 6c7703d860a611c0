/**
 * Valid service records: who served where, in which project, when, for how long, for whom,
 * and who paid. Shared by the in-memory dataset generator and the streaming CSV writer.
 */
import { type Street, streetsOf } from '../../schemas/reference/index.ts';
import { COMMUNITY_SUFFIXES, LOCAL_PROJECT_CODES } from './catalogue.ts';
import { formatTime, fromDay } from './dates.ts';
import type { ServiceRecordRow } from './model.ts';
import { type ContractInstance, contractFor, type ProjectInstance } from './projects.ts';
import type { Random } from './random.ts';
import { identifierIn, type Volunteer } from './volunteers.ts';

/** Community names of a street (derived from its name, deterministic). */
export function communitiesOf(street: Street): string[] {
  const stem = street.zh.replace(/(街道|镇)$/, '');
  const start = Number(street.code.slice(-2)) % 4;
  return COMMUNITY_SUFFIXES.slice(start, start + 4).map((suffix) => `${stem}${suffix}社区`);
}

/** Everything record generation needs about one district. */
export interface DistrictContext {
  slug: string;
  streets: readonly Street[];
  communities: ReadonlyMap<string, readonly string[]>;
  /** Ongoing projects running in the district. */
  ongoing: readonly ProjectInstance[];
  ongoingWeights: readonly number[];
  /** Event editions held in the district. */
  events: readonly ProjectInstance[];
}

/**
 * Builds the per-district context.
 *
 * @example
 * const context = districtContext('futian', buildProjects('2024-07-01', '2026-06-30'));
 */
export function districtContext(slug: string, projects: readonly ProjectInstance[]): DistrictContext {
  const streets = streetsOf(slug);
  const here = projects.filter((p) => p.districts.includes(slug));
  const ongoing = here.filter((p) => p.eventDays === undefined);
  return {
    slug,
    streets,
    communities: new Map(streets.map((s) => [s.code, communitiesOf(s)])),
    ongoing,
    ongoingWeights: ongoing.map((p) => p.template.weight),
    events: here.filter((p) => p.eventDays !== undefined),
  };
}

/** Options of one record. */
export interface RecordInput {
  recordId: string;
  day: number;
  volunteer: Volunteer;
  /** Force this street (coverage of every street); otherwise chosen at random. */
  street?: Street;
  /** Latest day counted as "recent" (more pending reviews). */
  asOfDay: number;
  /** Contracts, or undefined to make every record self-funded (benchmarks). */
  contracts?: readonly ContractInstance[];
  /** Use the project of this event on its day. */
  event?: ProjectInstance;
}

/**
 * Makes one valid service record.
 *
 * @example
 * const row = makeServiceRecord(random, context, { recordId: 'FT00000001', day, volunteer, asOfDay, contracts });
 */
export function makeServiceRecord(random: Random, context: DistrictContext, input: RecordInput): ServiceRecordRow {
  const { volunteer, day } = input;
  const project = input.event ?? random.weighted(context.ongoing, context.ongoingWeights);
  const template = project.template;
  const street =
    input.street ??
    (volunteer.home === context.slug && random.chance(0.6)
      ? (context.streets.find((s) => s.code === volunteer.street) ?? random.pick(context.streets))
      : random.pick(context.streets));
  const community = random.chance(0.85) ? random.pick(context.communities.get(street.code) ?? ['']) : '';

  const halfHours = random.int(template.halfHours[0], template.halfHours[1]);
  const minutes = halfHours * 30;
  const latestStart = Math.min(20 * 60, 23 * 60 + 30 - minutes);
  const start = Math.max(7 * 60, Math.min(latestStart, 8 * 60 + random.int(0, 20) * 30));
  const end = start + minutes;
  const exact = String(minutes / 60);
  const mode = random.next();
  let startTime = '';
  let endTime = '';
  let hours = exact;
  if (mode < 0.3) {
    startTime = formatTime(start);
    endTime = formatTime(end);
    hours = '';
  } else if (mode < 0.6) {
    startTime = formatTime(start);
    endTime = formatTime(end);
    // A quarter-hour break deducted: still within the 0.25 h tolerance.
    if (random.chance(0.2) && minutes > 60) hours = String((minutes - 15) / 60);
  } else if (random.chance(0.15)) {
    hours = String((minutes + 15) / 60);
  }

  let funding = 'self_funded';
  let contractId = '';
  const funder = project.funder;
  if (funder !== undefined && input.contracts !== undefined) {
    const contract = contractFor(input.contracts, funder, day);
    if (contract !== undefined) {
      funding = funder.type === 'government' ? 'government_purchase' : 'enterprise_purchase';
      contractId = contract.contractId;
    }
  }
  const recent = input.asOfDay - day < 30;
  const statusRoll = random.next();
  const status = statusRoll < (recent ? 0.3 : 0.05) ? 'pending' : statusRoll > 0.97 ? 'not_approved' : 'approved';
  const [minBeneficiaries, maxBeneficiaries] = template.beneficiaries;

  return {
    record_id: input.recordId,
    district: context.slug,
    street_code: street.code,
    community,
    volunteer_id: identifierIn(volunteer, context.slug),
    project_code: random.chance(0.01) ? random.pick(LOCAL_PROJECT_CODES) : project.code,
    category: template.category,
    service_date: fromDay(day),
    start_time: startTime,
    end_time: endTime,
    hours,
    beneficiaries: random.chance(0.9) ? String(random.int(minBeneficiaries, maxBeneficiaries)) : '',
    beneficiary_group: random.chance(0.85) ? template.group : '',
    funding: funding === 'self_funded' && random.chance(0.5) ? '' : funding,
    contract_id: contractId,
    status: status === 'approved' && random.chance(0.3) ? '' : status,
    name: volunteer.name,
    phone: volunteer.phone,
  };
}

/** Picks the day of a record: usually uniform over the window, sometimes an event day of the district. */
export function pickDay(
  random: Random,
  context: DistrictContext,
  firstDay: number,
  lastDay: number,
): { day: number; event?: ProjectInstance } {
  if (context.events.length > 0 && random.chance(0.06)) {
    const event = random.pick(context.events);
    return { day: random.pick(event.eventDays ?? [firstDay]), event };
  }
  return { day: random.int(firstDay, lastDay) };
}
