/**
 * The sample dataset of a federation: reference data, registrations, one service-record batch
 * per district with a share of bad rows of every kind, and later correction batches.
 * Deterministic: the same options give the same rows.
 */
import { CITY, DISTRICTS, streetsOf } from '../../schemas/reference/index.ts';
import { corruptRow } from './bad-rows.ts';
import { DISTRICT_WEIGHTS } from './catalogue.ts';
import { addDays, addMonths, formatTime, fromDay, parseTime, toDay } from './dates.ts';
import {
  BAD_ROW_KINDS,
  type BadRowTruth,
  type ContractRow,
  type CorrectionKind,
  type CorrectionTruth,
  type GeneratedBatch,
  type GeneratedDataset,
  type GenerateOptions,
  type ProjectRow,
  type RegistrationRow,
  type ServiceRecordRow,
} from './model.ts';
import { buildContracts, buildProjects, type ContractInstance, type ProjectInstance } from './projects.ts';
import { Random, WeightedSampler } from './random.ts';
import { type DistrictContext, districtContext, makeServiceRecord, pickDay } from './records.ts';
import { CORRECTION_STYLES, REFERENCE_STYLE, registrationStyle, SERVICE_RECORD_STYLES } from './styles.ts';
import { makeVolunteers, type Volunteer } from './volunteers.ts';

/** Default number of service records (`npm start`). */
export const DEFAULT_RECORDS = 20_000;
/** Default share of bad rows. */
export const DEFAULT_BAD_ROW_SHARE = 0.02;
/** Default months of history. */
export const DEFAULT_MONTHS = 24;

const RECORD_ID_PREFIX: Readonly<Record<string, string>> = {
  luohu: 'LH',
  futian: 'FT',
  nanshan: 'NS',
  baoan: 'BA',
  longgang: 'LG',
  yantian: 'YT',
  longhua: 'lhd_',
  pingshan: 'PS',
  guangming: 'GM',
  dapeng: 'DP',
  shenshan: 'SS',
};

/** Resolved hours of a valid row (explicit hours, else end − start). */
export function rowHours(row: ServiceRecordRow): number {
  if (row.hours !== '') return Number(row.hours);
  return (parseTime(row.end_time) - parseTime(row.start_time)) / 60;
}

/** Splits `total` over weights (largest remainder), each at least `minimum[i]`. */
function allocate(total: number, weights: readonly number[], minimum: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (rest <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    rest--;
  }
  for (let i = 0; i < counts.length; i++) {
    const deficit = (minimum[i] ?? 0) - (counts[i] as number);
    if (deficit <= 0) continue;
    counts[i] = minimum[i] as number;
    // Take the deficit from the largest counts that stay above their minimum.
    let left = deficit;
    while (left > 0) {
      let largest = -1;
      for (let j = 0; j < counts.length; j++)
        if ((counts[j] as number) > (minimum[j] ?? 0) && (largest < 0 || (counts[j] as number) > (counts[largest] as number)))
          largest = j;
      if (largest < 0) break;
      counts[largest] = (counts[largest] as number) - 1;
      left--;
    }
  }
  return counts;
}

function recordId(random: Random, slug: string, day: number, seq: number): string {
  const prefix = RECORD_ID_PREFIX[slug] ?? slug.toUpperCase();
  if (prefix.endsWith('_')) return `${prefix}${random.nextUint32().toString(16).padStart(8, '0')}${seq.toString(36)}`;
  return `${prefix}${fromDay(day).slice(0, 4)}${String(seq).padStart(6, '0')}`;
}

function volunteerSampler(volunteers: readonly Volunteer[], slug: string): { pool: Volunteer[]; sampler: WeightedSampler } {
  let pool = volunteers.filter((v) => v.home === slug || v.second === slug);
  if (pool.length === 0) pool = volunteers.slice(0, 10);
  const weights = pool.map((v) => (v.home === slug ? v.activity : v.activity * 0.5));
  return { pool, sampler: new WeightedSampler(weights) };
}

interface DistrictRecords {
  slug: string;
  rows: ServiceRecordRow[];
  bad: Set<number>;
  /** Record ids that must not be corrected (targets of in-file duplicates). */
  frozen: Set<string>;
}

function makeDistrictRecords(
  random: Random,
  context: DistrictContext,
  count: number,
  volunteers: readonly Volunteer[],
  contracts: readonly ContractInstance[],
  firstDay: number,
  lastDay: number,
): DistrictRecords {
  const { pool, sampler } = volunteerSampler(volunteers, context.slug);
  const days: { day: number; event?: ProjectInstance }[] = [];
  for (let i = 0; i < count; i++) days.push(pickDay(random, context, firstDay, lastDay));
  days.sort((a, b) => a.day - b.day);
  const rows = days.map(({ day, event }, i) =>
    makeServiceRecord(random, context, {
      recordId: recordId(random, context.slug, day, i + 1),
      day,
      volunteer: pool[sampler.sample(random)] as Volunteer,
      street: i < context.streets.length ? context.streets[i] : undefined,
      asOfDay: lastDay,
      contracts,
      event,
    }),
  );
  return { slug: context.slug, rows, bad: new Set(), frozen: new Set() };
}

function applyBadRows(
  random: Random,
  districts: DistrictRecords[],
  total: number,
  contracts: readonly ContractInstance[],
  asOf: string,
  batchName: (slug: string) => string,
): BadRowTruth[] {
  const eligible = districts.map((d) => Math.max(0, d.rows.length - streetCount(d.slug)));
  const perDistrict = allocate(
    Math.min(
      total,
      eligible.reduce((a, b) => a + b, 0),
    ),
    districts.map((d) => d.rows.length),
    [],
  ).map((n, i) => Math.min(n, eligible[i] as number));
  const truths: BadRowTruth[] = [];
  let kindIndex = random.int(0, BAD_ROW_KINDS.length - 1);
  districts.forEach((district, i) => {
    const first = streetCount(district.slug);
    const candidates = random.shuffle(Array.from({ length: district.rows.length - first }, (_, k) => k + first));
    const chosen = candidates.slice(0, perDistrict[i]).sort((a, b) => a - b);
    const earlier = district.rows.slice(0, first);
    for (const index of chosen) {
      const kind = BAD_ROW_KINDS[kindIndex % BAD_ROW_KINDS.length] as (typeof BAD_ROW_KINDS)[number];
      kindIndex++;
      const row = district.rows[index] as ServiceRecordRow;
      const column = corruptRow(random, row, kind, { asOf, contracts, earlier });
      if (kind === 'duplicate_in_file') district.frozen.add(row.record_id);
      district.bad.add(index);
      truths.push({ batch: batchName(district.slug), district: district.slug, index, record_id: row.record_id, kind, column });
    }
  });
  return truths;
}

function streetCount(slug: string): number {
  return streetsOf(slug).length;
}

function correctRow(
  random: Random,
  row: ServiceRecordRow,
  wanted: CorrectionKind,
  historyStart: string,
  asOf: string,
): { row: ServiceRecordRow; kind: CorrectionKind } {
  const copy = { ...row };
  let kind = wanted;
  if (kind === 'approved' && row.status !== 'pending') kind = 'changed';
  const selfFunded = row.funding === '' || row.funding === 'self_funded';
  if (kind === 'moved_month' && selfFunded) {
    for (const delta of random.chance(0.5) ? [-1, 1, -2, 2] : [1, -1, 2, -2]) {
      const moved = addMonths(row.service_date, delta);
      if (moved >= historyStart && moved <= asOf && moved.slice(0, 7) !== row.service_date.slice(0, 7)) {
        copy.service_date = moved;
        return { row: copy, kind };
      }
    }
  }
  if (kind === 'moved_month') kind = 'changed';
  switch (kind) {
    case 'unchanged':
      return { row: copy, kind };
    case 'withdrawn':
      copy.status = 'not_approved';
      return { row: copy, kind };
    case 'approved':
      copy.status = 'approved';
      return { row: copy, kind };
    default: {
      if (copy.end_time !== '' && parseTime(copy.end_time) <= 22 * 60 + 30) {
        copy.end_time = formatTime(parseTime(copy.end_time) + 30);
        if (copy.hours !== '') copy.hours = String((parseTime(copy.end_time) - parseTime(copy.start_time)) / 60);
      } else {
        copy.beneficiaries = String(Number(copy.beneficiaries || '0') + random.int(1, 5));
      }
      return { row: copy, kind: 'changed' };
    }
  }
}

const CORRECTION_MIX: readonly CorrectionKind[] = [
  'changed',
  'changed',
  'moved_month',
  'moved_month',
  'unchanged',
  'unchanged',
  'withdrawn',
  'approved',
  'changed',
  'withdrawn',
];

function makeCorrections(
  random: Random,
  districts: DistrictRecords[],
  historyStart: string,
  asOf: string,
): { batches: GeneratedBatch<'service_records'>[]; truths: CorrectionTruth[] } {
  const chosen = random
    .shuffle(districts)
    .slice(0, Math.ceil(districts.length * 0.45))
    .sort((a, b) => districts.indexOf(a) - districts.indexOf(b));
  const batches: GeneratedBatch<'service_records'>[] = [];
  const truths: CorrectionTruth[] = [];
  chosen.forEach((district, n) => {
    const name = `service_records-${district.slug}-correction`;
    const candidates = district.rows.filter(
      (row, i) => !district.bad.has(i) && !district.frozen.has(row.record_id) && row.status !== 'not_approved',
    );
    const wanted = Math.max(5, Math.round(district.rows.length * 0.04));
    const queue = random.shuffle(candidates);
    const pools: Partial<Record<CorrectionKind, ServiceRecordRow[]>> = {
      approved: queue.filter((row) => row.status === 'pending'),
      moved_month: queue.filter((row) => row.funding === '' || row.funding === 'self_funded'),
    };
    const used = new Set<string>();
    const rows: ServiceRecordRow[] = [];
    for (let i = 0; i < wanted && used.size < candidates.length; i++) {
      let mix = CORRECTION_MIX[i % CORRECTION_MIX.length] ?? 'changed';
      let original = pools[mix]?.find((row) => !used.has(row.record_id));
      if (original === undefined) {
        if (pools[mix] !== undefined) mix = 'changed';
        original = queue.find((row) => !used.has(row.record_id)) as ServiceRecordRow;
      }
      used.add(original.record_id);
      const { row, kind } = correctRow(random, original, mix, historyStart, asOf);
      rows.push(row);
      truths.push({
        batch: name,
        district: district.slug,
        record_id: row.record_id,
        kind,
        from_month: original.service_date.slice(0, 7),
        to_month: row.service_date.slice(0, 7),
      });
    }
    rows.sort((a, b) => (a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0));
    batches.push({
      name,
      dataset: 'service_records',
      district: district.slug,
      phase: 'correction',
      style: CORRECTION_STYLES[n % CORRECTION_STYLES.length] as GeneratedBatch['style'],
      rows,
    });
  });
  return { batches, truths };
}

function makeRegistrations(random: Random, volunteers: readonly Volunteer[], slug: string): RegistrationRow[] {
  return volunteers
    .filter((v) => v.home === slug && v.registeredOn !== undefined)
    .map((v) => {
      const both = v.second !== undefined || random.chance(0.1);
      const byId = v.homeIdentifier === 'id';
      return {
        volunteer_number: both || !byId ? v.volunteerNumber : '',
        id_number: both || byId ? v.idNumber : '',
        district: slug,
        street_code: v.street,
        registered_on: v.registeredOn as string,
      };
    })
    .sort((a, b) => (a.registered_on < b.registered_on ? -1 : a.registered_on > b.registered_on ? 1 : 0));
}

function projectRows(projects: readonly ProjectInstance[]): ProjectRow[] {
  return projects.map((p) => ({
    project_code: p.code,
    name_zh: p.zh,
    name_en: p.en,
    category: p.template.category,
    district: p.template.districts !== 'all' && p.template.districts.length === 1 ? (p.template.districts[0] as string) : 'all',
    start_date: p.startDate,
    end_date: p.endDate,
  }));
}

function contractRows(
  random: Random,
  contracts: readonly ContractInstance[],
  districts: readonly DistrictRecords[],
): ContractRow[] {
  const delivered = new Map<string, { hours: number; volunteers: Set<string>; beneficiaries: number }>();
  for (const district of districts)
    district.rows.forEach((row, i) => {
      if (district.bad.has(i) || row.contract_id === '') return;
      const entry = delivered.get(row.contract_id) ?? { hours: 0, volunteers: new Set(), beneficiaries: 0 };
      entry.hours += rowHours(row);
      entry.volunteers.add(`${district.slug}:${row.volunteer_id}`);
      entry.beneficiaries += Number(row.beneficiaries || '0');
      delivered.set(row.contract_id, entry);
    });
  return contracts.map((c) => {
    const actual = delivered.get(c.contractId) ?? { hours: 0, volunteers: new Set<string>(), beneficiaries: 0 };
    const factor = 0.9 + random.next() * 0.4;
    const targetHours = Math.max(100, Math.round((actual.hours * factor) / 10) * 10);
    return {
      contract_id: c.contractId,
      funder: c.funder.zh,
      funder_type: c.funder.type,
      start_date: c.startDate,
      end_date: c.endDate,
      budget_cny: String(Math.round((targetHours * c.funder.ratePerHour) / 1000) * 1000),
      target_hours: String(targetHours),
      target_volunteers: String(Math.max(10, Math.round(actual.volunteers.size * factor))),
      target_beneficiaries: String(Math.max(50, Math.round((actual.beneficiaries * factor) / 10) * 10)),
    };
  });
}

/**
 * Generates the whole sample dataset in memory.
 *
 * @example
 * const ds = generateDataset({ asOf: '2026-06-30', seed: 7, records: 5000 });
 * ds.batches.filter((b) => b.phase === 'initial').length; // 11
 * ds.truth.badRows.length; // 100
 */
export function generateDataset(options: GenerateOptions): GeneratedDataset {
  const opts: Required<GenerateOptions> = {
    asOf: options.asOf,
    seed: options.seed,
    records: options.records ?? DEFAULT_RECORDS,
    badRowShare: options.badRowShare ?? DEFAULT_BAD_ROW_SHARE,
    months: options.months ?? DEFAULT_MONTHS,
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error(`asOf must be YYYY-MM-DD, got "${opts.asOf}"`);
  if (!Number.isInteger(opts.records) || opts.records < 1) throw new Error('records must be a positive integer');
  if (opts.badRowShare < 0 || opts.badRowShare > 0.5) throw new Error('badRowShare must be between 0 and 0.5');
  const root = new Random(opts.seed);
  const historyStart = addDays(addMonths(opts.asOf, -opts.months), 1);
  const firstDay = toDay(historyStart);
  const lastDay = toDay(opts.asOf);

  const projects = buildProjects(historyStart, opts.asOf);
  const contracts = buildContracts(projects, historyStart, opts.asOf);
  const volunteers = makeVolunteers(root.fork('volunteers'), {
    count: Math.max(50, Math.round(opts.records / 5)),
    asOf: opts.asOf,
    historyStart,
  });

  const contexts = DISTRICTS.map((d) => districtContext(d.slug, projects));
  const counts = allocate(
    opts.records,
    contexts.map((c) => DISTRICT_WEIGHTS[c.slug] ?? 1),
    contexts.map((c) => c.streets.length + 5),
  );
  const districts = contexts.map((context, i) =>
    makeDistrictRecords(
      root.fork(`records:${context.slug}`),
      context,
      counts[i] as number,
      volunteers,
      contracts,
      firstDay,
      lastDay,
    ),
  );
  const initialName = (slug: string) => `service_records-${slug}-initial`;
  // Contract targets come from valid records, so compute them before rows are made bad.
  const contractTable = contractRows(root.fork('contracts'), contracts, districts);
  const badRows = applyBadRows(
    root.fork('bad-rows'),
    districts,
    Math.round(opts.records * opts.badRowShare),
    contracts,
    opts.asOf,
    initialName,
  );
  const corrections = makeCorrections(root.fork('corrections'), districts, historyStart, opts.asOf);
  const registrationRandom = root.fork('registrations');

  const batches: GeneratedBatch[] = [
    {
      name: 'projects-city',
      dataset: 'projects',
      district: CITY,
      phase: 'reference',
      style: REFERENCE_STYLE,
      rows: projectRows(projects),
    },
    {
      name: 'contracts-city',
      dataset: 'contracts',
      district: CITY,
      phase: 'reference',
      style: REFERENCE_STYLE,
      rows: contractTable,
    },
    ...DISTRICTS.map(
      (d): GeneratedBatch => ({
        name: `registrations-${d.slug}`,
        dataset: 'registrations',
        district: d.slug,
        phase: 'registrations',
        style: registrationStyle(d.slug),
        rows: makeRegistrations(registrationRandom, volunteers, d.slug),
      }),
    ),
    ...districts.map(
      (d): GeneratedBatch => ({
        name: initialName(d.slug),
        dataset: 'service_records',
        district: d.slug,
        phase: 'initial',
        style: SERVICE_RECORD_STYLES[d.slug] as GeneratedBatch['style'],
        rows: d.rows,
      }),
    ),
    ...corrections.batches,
  ];
  return {
    options: opts,
    batches,
    truth: {
      volunteers: volunteers.length,
      linkedVolunteers: volunteers.filter((v) => v.second !== undefined).length,
      badRows,
      corrections: corrections.truths,
    },
  };
}

/**
 * Rows of one dataset and district (all batches of it, in ingest order).
 *
 * @example
 * rowsOf(ds, 'service_records', 'futian').length;
 */
export function rowsOf<D extends GeneratedBatch['dataset']>(
  dataset: GeneratedDataset,
  name: D,
  district: string,
): GeneratedBatch<D>['rows'] {
  return dataset.batches
    .filter((b): b is GeneratedBatch<D> => b.dataset === name && b.district === district)
    .flatMap((b) => b.rows) as GeneratedBatch<D>['rows'];
}
