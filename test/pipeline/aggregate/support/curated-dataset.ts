/**
 * Test support: a deterministic generator of curated lake rows (every version, as ingest
 * writes them) with corrections, month moves with tombstones, duplicates, pending and
 * not-approved records, linked and unlinked volunteer numbers, registration changes, a
 * contract amendment and late-arriving records for an old month; plus the batch manifests.
 */

import type { z } from 'zod';
import type { BatchFacts } from '../../../../pipeline/aggregate/batch-facts.ts';
import type { contractsVersionsTable } from '../../../../schemas/datasets/contracts.ts';
import type { projectsVersionsTable } from '../../../../schemas/datasets/projects.ts';
import type { registrationsVersionsTable } from '../../../../schemas/datasets/registrations.ts';
import type { serviceRecordsVersionsTable } from '../../../../schemas/datasets/service-records.ts';
import { streetsOf } from '../../../../schemas/reference/index.ts';

/** Rows of the curated tables, typed from the data contract (never restated by hand). */
type RowOf<T extends { schema: z.ZodType }> = z.infer<T['schema']>;

export type ServiceVersionRow = Omit<RowOf<typeof serviceRecordsVersionsTable>, 'id_kind' | 'status'> & {
  id_kind: 'id_number' | 'volunteer_number';
  status: 'approved' | 'pending' | 'not_approved';
};
export type RegistrationVersionRow = RowOf<typeof registrationsVersionsTable>;
export type ProjectVersionRow = RowOf<typeof projectsVersionsTable>;
export type ContractVersionRow = RowOf<typeof contractsVersionsTable>;

/** Everything a batch delivered. */
export interface GeneratedBatch {
  facts: BatchFacts;
  service: ServiceVersionRow[];
  registrations: RegistrationVersionRow[];
  projects: ProjectVersionRow[];
  contracts: ContractVersionRow[];
}

export interface DatasetOptions {
  seed?: number;
  /** Approximate number of original service records. Default 20,000. */
  records?: number;
  persons?: number;
  districts?: string[];
  /** First service month. Default 2025-01. */
  firstMonth?: string;
  months?: number;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

function daysIn(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

function fakeHash(r: ReturnType<typeof prng>): string {
  let s = '';
  for (let i = 0; i < 4; i++)
    s += Math.floor(r.next() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  return s;
}

const PROJECTS = [
  ['P-ELD-01', 'elderly_care'],
  ['P-ELD-02', 'elderly_care'],
  ['P-DIS-01', 'disability_support'],
  ['P-TRF-01', 'traffic_civility'],
  ['P-TRF-02', 'traffic_civility'],
  ['P-ENV-01', 'environmental_protection'],
  ['P-COM-01', 'community_service'],
  ['P-EDU-01', 'education_support'],
] as const;
const UNKNOWN_PROJECT = 'P-UNK-99';
const GROUPS = ['elderly', 'disabled', 'children', 'general_public'];
const CODES = ['DATE_FORMAT', 'HOURS_RANGE', 'STREET_UNKNOWN', 'VOLUNTEER_ID_FORMAT'];

/**
 * Generates the dataset's batches in the order they completed.
 *
 * @example
 * const batches = generateCuratedDataset({ seed: 7, records: 2000 });
 */
export function generateCuratedDataset(options: DatasetOptions = {}): GeneratedBatch[] {
  const r = prng(options.seed ?? 20261101);
  const totalRecords = options.records ?? 20_000;
  const personCount = options.persons ?? 600;
  const districts = options.districts ?? ['futian', 'nanshan', 'luohu', 'longgang', 'baoan'];
  const firstMonth = options.firstMonth ?? '2025-01';
  const monthCount = options.months ?? 14;
  const months = Array.from({ length: monthCount }, (_, i) => addMonths(firstMonth, i));
  const lastMonth = months[months.length - 1] as string;
  const batches: GeneratedBatch[] = [];
  let batchSeq = 0;

  const newBatch = (dataset: BatchFacts['dataset'], district: string, receivedAt: string): GeneratedBatch => {
    batchSeq += 1;
    const batchId = `b${pad(batchSeq, 4)}-${district}`;
    const completedAt = new Date(Date.parse(receivedAt) + 10 * 60_000).toISOString();
    return {
      facts: {
        batchId,
        dataset,
        district,
        receivedAt,
        completedAt,
        months: [],
        received: 0,
        accepted: 0,
        rejected: 0,
        duplicates: 0,
        corrections: 0,
        rejectCodes: {},
      },
      service: [],
      registrations: [],
      projects: [],
      contracts: [],
    };
  };
  const lineage = (b: GeneratedBatch, sourceRow: number) => ({
    row_hash: fakeHash(r),
    batch_id: b.facts.batchId,
    batch_received_at: b.facts.receivedAt,
    ingested_at: b.facts.completedAt,
    version: `${b.facts.receivedAt}#${b.facts.batchId}`,
    tombstone: false,
    source_row: sourceRow,
  });
  const finish = (b: GeneratedBatch) => {
    const months = new Set<string>();
    for (const row of [...b.service, ...b.registrations]) months.add(`${row.year}-${row.month}`);
    b.facts.months = [...months].sort();
    const written = [...b.service, ...b.registrations, ...b.projects, ...b.contracts].filter((x) => !x.tombstone).length;
    const rejected = r.int(0, 4);
    for (let i = 0; i < rejected; i++) {
      const code = r.pick(CODES);
      b.facts.rejectCodes[code] = (b.facts.rejectCodes[code] ?? 0) + 1;
    }
    b.facts.accepted = written + b.facts.duplicates;
    b.facts.rejected = rejected;
    b.facts.received = b.facts.accepted + rejected;
    batches.push(b);
  };

  // Reference data: projects and contracts, amended once later.
  const ref = newBatch('projects', 'city', `${addMonths(firstMonth, -1)}-20T02:00:00.000Z`);
  PROJECTS.forEach(([code, category], i) => {
    ref.projects.push({
      project_code: code,
      name_zh: `项目${i}`,
      name_en: `Project ${i}`,
      category,
      district: 'all',
      start_date: `${firstMonth}-01`,
      end_date: null,
      ...lineage(ref, i + 2),
    });
  });
  finish(ref);
  const contractsBatch = newBatch('contracts', 'city', `${addMonths(firstMonth, -1)}-21T02:00:00.000Z`);
  const contractSpecs = [
    {
      id: 'GC-2025-001',
      funder: '交警局',
      type: 'government',
      start: `${firstMonth}-15`,
      end: `${addMonths(firstMonth, 11)}-10`,
    },
    {
      id: 'GC-2025-002',
      funder: '民政局',
      type: 'government',
      start: `${addMonths(firstMonth, 3)}-01`,
      end: `${addMonths(firstMonth, 20)}-30`,
    },
    {
      id: 'EC-2025-001',
      funder: '某科技公司',
      type: 'enterprise',
      start: `${addMonths(firstMonth, 1)}-07`,
      end: `${addMonths(firstMonth, 8)}-22`,
    },
    {
      id: 'GC-2026-001',
      funder: '城管局',
      type: 'government',
      start: `${addMonths(firstMonth, 12)}-01`,
      end: `${addMonths(firstMonth, 13)}-28`,
    },
  ];
  const contracts = contractSpecs.map((c, i) => ({
    contract_id: c.id,
    funder: c.funder,
    funder_type: c.type,
    start_date: c.start,
    end_date: c.end,
    budget_cny: 100_000 + i * 37_777.77,
    target_hours: 2_000 + i * 333.33,
    target_volunteers: 40 + i * 7,
    target_beneficiaries: 3_000 + i * 111,
  }));
  contracts.forEach((c, i) => {
    contractsBatch.contracts.push({ ...c, ...lineage(contractsBatch, i + 2) });
  });
  finish(contractsBatch);

  // People: ID key, volunteer number key, or both; home district; weight (a few serve a lot).
  const people = Array.from({ length: personCount }, (_, i) => {
    const hasId = r.chance(0.85);
    const hasNumber = !hasId || r.chance(0.5);
    return {
      idKey: hasId ? `id${pad(i, 5)}${fakeHash(r).slice(0, 8)}` : null,
      numberKey: hasNumber ? `no${pad(i, 5)}${fakeHash(r).slice(0, 8)}` : null,
      home: r.pick(districts),
      weight: 1 / (i + 8) ** 0.9,
      registers: r.chance(0.9),
      linkOnRegistration: r.chance(0.7),
      firstMonthIndex: Math.min(monthCount - 1, Math.floor(r.next() ** 2 * monthCount)),
    };
  });
  const weightSum = people.reduce((s, p) => s + p.weight, 0);
  const pickPerson = () => {
    let x = r.next() * weightSum;
    for (const p of people) {
      x -= p.weight;
      if (x <= 0) return p;
    }
    return people[people.length - 1]!;
  };

  // Current service rows by district/record id, to correct and move later.
  const current = new Map<string, ServiceVersionRow>();
  let recordSeq = 0;
  const recordsPerBatch = Math.max(1, Math.round(totalRecords / (monthCount * districts.length)));

  const serviceRow = (b: GeneratedBatch, district: string, month: string, sourceRow: number): ServiceVersionRow => {
    let person = pickPerson();
    for (let tries = 0; tries < 5 && person.firstMonthIndex > months.indexOf(month); tries++) person = pickPerson();
    const useNumber = person.numberKey !== null && (person.idKey === null || r.chance(0.5));
    const day = r.int(1, daysIn(month));
    const serviceDate = `${month}-${pad(day)}`;
    const [project, category] = r.chance(0.02) ? [UNKNOWN_PROJECT, 'community_service'] : r.pick(PROJECTS);
    const active = contracts.filter((c) => c.start_date <= serviceDate && c.end_date >= serviceDate);
    const purchased = active.length > 0 && r.chance(0.35);
    const contract = purchased ? r.pick(active) : null;
    const statusRoll = r.next();
    recordSeq += 1;
    return {
      record_id: `R${pad(recordSeq, 7)}`,
      street_code: r.pick(streetsOf(district)).code,
      community: null,
      volunteer_key: (useNumber ? person.numberKey : person.idKey) as string,
      id_kind: useNumber ? 'volunteer_number' : 'id_number',
      sex: null,
      age_band: null,
      project_code: project,
      category,
      service_date: serviceDate,
      start_time: null,
      end_time: null,
      hours: r.int(2, 32) / 4,
      beneficiaries: r.int(0, 30),
      beneficiary_group: r.chance(0.8) ? r.pick(GROUPS) : null,
      funding: contract ? (contract.funder_type === 'government' ? 'government_purchase' : 'enterprise_purchase') : 'self_funded',
      contract_id: contract?.contract_id ?? null,
      status: statusRoll < 0.85 ? 'approved' : statusRoll < 0.95 ? 'pending' : 'not_approved',
      ...lineage(b, sourceRow),
      year: month.slice(0, 4),
      month: month.slice(5, 7),
      district,
    };
  };

  const registered = new Set<number>();
  const registration = (b: GeneratedBatch, personIndex: number, district: string, on: string, sourceRow: number) => {
    const p = people[personIndex]!;
    const idKey = p.numberKey !== null && p.idKey !== null && !p.linkOnRegistration ? null : p.idKey;
    const numberKey = p.numberKey;
    b.registrations.push({
      registration_key: numberKey !== null ? `N#${numberKey}` : `I#${idKey}`,
      id_key: idKey,
      number_key: numberKey,
      volunteer_key: (idKey ?? numberKey) as string,
      sex: null,
      age_band: null,
      street_code: r.pick(streetsOf(district)).code,
      registered_on: on,
      ...lineage(b, sourceRow),
      year: on.slice(0, 4),
      month: on.slice(5, 7),
      district,
    });
  };

  months.forEach((month, mi) => {
    const receivedMonth = addMonths(month, 1);
    districts.forEach((district, di) => {
      // Registrations of people starting this month (some register a second time elsewhere later).
      const regBatch = newBatch('registrations', district, `${receivedMonth}-03T0${di}:00:00.000Z`);
      people.forEach((p, pi) => {
        if (!p.registers || p.home !== district) return;
        if (p.firstMonthIndex === mi && !registered.has(pi)) {
          registered.add(pi);
          registration(regBatch, pi, district, `${month}-${pad(r.int(1, daysIn(month)))}`, regBatch.registrations.length + 2);
        }
      });
      if (mi === 6) {
        people.forEach((p, pi) => {
          if (registered.has(pi) && p.home !== district && pi % 9 === di)
            registration(regBatch, pi, district, `${month}-${pad(r.int(1, daysIn(month)))}`, regBatch.registrations.length + 2);
        });
      }
      if (regBatch.registrations.length > 0) finish(regBatch);

      // Service records of the month.
      const b = newBatch('service_records', district, `${receivedMonth}-05T0${di}:00:00.000Z`);
      const n = recordsPerBatch + r.int(-20, 20);
      for (let i = 0; i < n; i++) {
        const row = serviceRow(b, district, month, i + 2);
        b.service.push(row);
        current.set(`${district}/${row.record_id}`, row);
      }
      finish(b);

      // Corrections two weeks later: changed hours or status, month moves (tombstones), duplicates.
      const c = newBatch('service_records', district, `${receivedMonth}-20T0${di}:00:00.000Z`);
      // Corrections concern the last three months' records.
      const recent = new Set(months.slice(Math.max(0, mi - 2), mi + 1));
      const candidates = [...current.values()].filter(
        (x) => x.district === district && !x.tombstone && recent.has(`${x.year}-${x.month}`),
      );
      for (let i = 0; i < Math.min(60, candidates.length); i++) {
        const old = r.pick(candidates);
        const key = `${district}/${old.record_id}`;
        if (current.get(key) !== old) continue;
        const kind = r.next();
        if (kind < 0.2) {
          c.facts.duplicates += 1;
          continue;
        }
        const fresh: ServiceVersionRow = { ...old, ...lineage(c, i + 2) };
        if (kind < 0.55) fresh.hours = r.int(2, 40) / 4;
        else if (kind < 0.8) fresh.status = old.status === 'approved' ? 'not_approved' : 'approved';
        else {
          const target =
            months[Math.max(0, Math.min(monthCount - 1, months.indexOf(`${old.year}-${old.month}`) + r.pick([-2, -1, 1])))]!;
          fresh.service_date = `${target}-${pad(Math.min(r.int(1, 28), daysIn(target)))}`;
          fresh.year = target.slice(0, 4);
          fresh.month = target.slice(5, 7);
          if (fresh.contract_id !== null) {
            const k = contracts.find((x) => x.contract_id === fresh.contract_id)!;
            if (fresh.service_date < k.start_date || fresh.service_date > k.end_date) {
              fresh.contract_id = null;
              fresh.funding = 'self_funded';
            }
          }
          if (fresh.year !== old.year || fresh.month !== old.month)
            c.service.push({ ...old, ...lineage(c, i + 2), tombstone: true });
        }
        c.facts.corrections += 1;
        c.service.push(fresh);
        current.set(key, fresh);
      }
      finish(c);
    });

    if (mi === Math.floor(monthCount / 2)) {
      // The federation amends a contract's target and budget.
      const amend = newBatch('contracts', 'city', `${receivedMonth}-10T02:00:00.000Z`);
      const k = contracts[1]!;
      amend.contracts.push({
        ...k,
        target_hours: k.target_hours + 500,
        budget_cny: k.budget_cny + 12_345.67,
        ...lineage(amend, 2),
      });
      finish(amend);
    }
  });

  // Late-arriving records for an old month, after everything else.
  const late = newBatch('service_records', districts[0]!, `${addMonths(lastMonth, 1)}-28T09:00:00.000Z`);
  const oldMonth = months[2]!;
  for (let i = 0; i < 80; i++) late.service.push(serviceRow(late, districts[0]!, oldMonth, i + 2));
  finish(late);
  return batches;
}
