/**
 * Test support: the aggregate tables computed independently in TypeScript (no SQL) from the
 * generated curated rows and batch manifests, following the rules of issue 4 and DESIGN.md.
 */
import type { ContractVersionRow, GeneratedBatch, ServiceVersionRow } from './curated-dataset.ts';

export type Row = Record<string, string | number | boolean | null>;

interface RefPeriod {
  type: string;
  label: string;
  start: string;
  end: string;
  firstMonth: string;
  lastMonth: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (date: string) => date.slice(0, 7);
const endOfMonth = (month: string) =>
  `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate())}`;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const cents = (x: number) => Math.round(x * 100);

function periodsOf(firstMonth: string, lastMonth: string): RefPeriod[] {
  const out = new Map<string, RefPeriod>();
  let [y, m] = [Number(firstMonth.slice(0, 4)), Number(firstMonth.slice(5, 7))];
  while (`${y}-${pad(m)}` <= lastMonth) {
    const month = `${y}-${pad(m)}`;
    const q = Math.floor((m - 1) / 3);
    const qFirst = `${y}-${pad(q * 3 + 1)}`;
    const qLast = `${y}-${pad(q * 3 + 3)}`;
    const candidates: RefPeriod[] = [
      { type: 'month', label: month, start: `${month}-01`, end: endOfMonth(month), firstMonth: month, lastMonth: month },
      {
        type: 'quarter',
        label: `${y}-Q${q + 1}`,
        start: `${qFirst}-01`,
        end: endOfMonth(qLast),
        firstMonth: qFirst,
        lastMonth: qLast,
      },
      { type: 'year', label: String(y), start: `${y}-01-01`, end: `${y}-12-31`, firstMonth: `${y}-01`, lastMonth: `${y}-12` },
    ];
    for (const p of candidates) out.set(`${p.type}/${p.label}`, p);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return [...out.values()];
}

function currentOf<T extends { version: string; tombstone: boolean }>(rows: T[], key: (row: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const seen = latest.get(k);
    if (!seen || row.version > seen.version) latest.set(k, row);
  }
  return [...latest.values()].filter((row) => !row.tombstone);
}

function starOf(hours: number, months: number): number {
  const levels: [number, number, number][] = [
    [5, 1500, 24],
    [4, 1000, 12],
    [3, 600, 12],
    [2, 300, 6],
    [1, 100, 6],
  ];
  return levels.find(([, h, m]) => hours >= h && months >= m)?.[0] ?? 0;
}

function wholeMonths(since: string, nextAfterEnd: string): number {
  const [sy, sm, sd] = since.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = nextAfterEnd.split('-').map(Number) as [number, number, number];
  return ny * 12 + nm - (sy * 12 + sm) - (nd < sd ? 1 : 0);
}

function shanghaiMonthOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);
}

/** Options of the reference computation (mirror of the job's configuration). */
export interface ReferenceOptions {
  historyStart?: string;
  hourlyWageCny: number;
}

/**
 * Every aggregate table, computed in TypeScript.
 *
 * @example
 * const expected = referenceTables(batches, { hourlyWageCny: 22.2 });
 */
export function referenceTables(batches: GeneratedBatch[], options: ReferenceOptions): Record<string, Row[]> {
  const service = currentOf(
    batches.flatMap((b) => b.service),
    (r) => `${r.year}|${r.month}|${r.district}|${r.record_id}`,
  );
  const registrations = currentOf(
    batches.flatMap((b) => b.registrations),
    (r) => `${r.year}|${r.month}|${r.district}|${r.registration_key}`,
  );
  const projects = currentOf(
    batches.flatMap((b) => b.projects),
    (r) => r.project_code,
  );
  const contracts = currentOf(
    batches.flatMap((b) => b.contracts),
    (r) => r.contract_id,
  );

  const links = new Map<string, string>();
  for (const r of registrations) {
    if (r.id_key === null || r.number_key === null) continue;
    const seen = links.get(r.number_key);
    if (seen === undefined || r.id_key < seen) links.set(r.number_key, r.id_key);
  }
  const personOf = (r: ServiceVersionRow) =>
    r.id_kind === 'volunteer_number' ? (links.get(r.volunteer_key) ?? r.volunteer_key) : r.volunteer_key;
  const regs = registrations.map((r) => ({
    person: r.id_key ?? (r.number_key !== null ? links.get(r.number_key) : undefined) ?? r.volunteer_key,
    district: r.district,
    street: r.street_code,
    on: r.registered_on,
    version: r.version,
  }));
  const facts = service.map((r) => ({
    ...r,
    person: personOf(r),
    ym: `${r.year}-${r.month}`,
    approved: r.status === 'approved',
    group: r.beneficiary_group ?? 'none',
    contract: r.contract_id ?? 'none',
  }));
  type Fact = (typeof facts)[number];
  const approved = facts.filter((f) => f.approved);

  const months = facts.map((f) => f.ym).sort();
  const firstMonth = months[0]!;
  const lastMonth = months[months.length - 1]!;
  const asOf = endOfMonth(lastMonth);
  const historyStart = options.historyStart ?? facts.map((f) => f.service_date).sort()[0]!;
  const periods = periodsOf(firstMonth, lastMonth);
  const inPeriod = (f: Fact, p: { firstMonth: string; lastMonth: string }) => f.ym >= p.firstMonth && f.ym <= p.lastMonth;

  const firstMonthOf = new Map<string, string>();
  for (const f of approved) if ((firstMonthOf.get(f.person) ?? '9999') > f.ym) firstMonthOf.set(f.person, f.ym);

  const latestRegistration = (person: string, end: string) => {
    const mine = (regsByPerson.get(person) ?? []).filter((r) => r.on <= end);
    if (mine.length === 0) return undefined;
    return mine.sort(
      (a, b) =>
        b.on.localeCompare(a.on) ||
        b.version.localeCompare(a.version) ||
        a.district.localeCompare(b.district) ||
        a.street.localeCompare(b.street),
    )[0];
  };
  const regsByPerson = new Map<string, typeof regs>();
  for (const r of regs) regsByPerson.set(r.person, [...(regsByPerson.get(r.person) ?? []), r]);

  // agg_participation
  const participation: Row[] = [];
  for (const p of periods) {
    const acc = new Map<
      string,
      {
        active: Set<string>;
        fresh: Set<string>;
        back: Set<string>;
        registered: Set<string>;
        records: number;
        hours: number;
        ben: number;
      }
    >();
    const cell = (district: string, street: string) => {
      const k = `${district}|${street}`;
      let c = acc.get(k);
      if (!c) {
        c = { active: new Set(), fresh: new Set(), back: new Set(), registered: new Set(), records: 0, hours: 0, ben: 0 };
        acc.set(k, c);
      }
      return c;
    };
    for (const f of approved) {
      if (!inPeriod(f, p)) continue;
      for (const c of [cell(f.district, f.street_code), cell(f.district, 'all'), cell('all', 'all')]) {
        c.active.add(f.person);
        (firstMonthOf.get(f.person)! >= p.firstMonth ? c.fresh : c.back).add(f.person);
        c.records += 1;
        c.hours += cents(f.hours);
        c.ben += f.beneficiaries;
      }
    }
    for (const person of regsByPerson.keys()) {
      const latest = latestRegistration(person, p.end);
      if (!latest) continue;
      for (const c of [cell(latest.district, latest.street), cell(latest.district, 'all'), cell('all', 'all')])
        c.registered.add(person);
    }
    for (const [k, c] of acc) {
      const [district, street] = k.split('|') as [string, string];
      participation.push({
        period_type: p.type,
        period: p.label,
        district,
        street_code: street,
        active_volunteers: c.active.size,
        new_volunteers: c.fresh.size,
        returning_volunteers: c.back.size,
        registered_volunteers: c.registered.size,
        service_records: c.records,
        service_hours: c.hours / 100,
        beneficiaries: c.ben,
        before_history_start: p.start < historyStart,
      });
    }
  }

  // agg_project_outcomes
  const outcomes = new Map<string, { row: Row; people: Set<string>; hours: number }>();
  for (const p of periods) {
    for (const f of approved) {
      if (!inPeriod(f, p)) continue;
      for (const [district, group] of [
        [f.district, f.group],
        [f.district, 'all'],
        ['all', f.group],
        ['all', 'all'],
      ] as const) {
        const k = [p.type, p.label, f.project_code, f.category, district, group].join('|');
        let o = outcomes.get(k);
        if (!o) {
          o = {
            row: {
              period_type: p.type,
              period: p.label,
              project_code: f.project_code,
              category: f.category,
              district,
              beneficiary_group: group,
              service_records: 0,
              beneficiaries: 0,
            },
            people: new Set(),
            hours: 0,
          };
          outcomes.set(k, o);
        }
        (o.row.service_records as number) += 1;
        (o.row.beneficiaries as number) += f.beneficiaries;
        o.hours += cents(f.hours);
        o.people.add(f.person);
      }
    }
  }
  const projectOutcomes = [...outcomes.values()].map(({ row, people, hours }) => ({
    ...row,
    service_hours: hours / 100,
    active_volunteers: people.size,
  }));

  // Contract periods (shared by delivery and breakdown).
  const contractPeriods = (k: ContractVersionRow) => {
    const out: (RefPeriod & { overlapStart: string; overlapEnd: string })[] = [];
    for (const p of periods) {
      if (p.start > k.end_date || p.end < k.start_date) continue;
      out.push({
        ...p,
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
        overlapStart: p.start > k.start_date ? p.start : k.start_date,
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
        overlapEnd: p.end < k.end_date ? p.end : k.end_date,
      });
    }
    if (k.start_date <= asOf) {
      // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
      const end = k.end_date < asOf ? k.end_date : asOf;
      out.push({
        type: 'contract',
        label: `${k.start_date}..${end}`,
        start: k.start_date,
        end,
        firstMonth: monthOf(k.start_date),
        lastMonth: monthOf(end),
        overlapStart: k.start_date,
        overlapEnd: end,
      });
    }
    return out;
  };
  const prorate = (c: number, overlap: number, days: number) => Math.floor((2 * c * overlap + days) / (2 * days));
  const wageCents = Math.round(options.hourlyWageCny * 100);

  // agg_purchase_delivery
  const delivery: Row[] = [];
  for (const k of contracts) {
    const mine = approved.filter((f) => f.contract_id === k.contract_id);
    const firstOnContract = new Map<string, string>();
    for (const f of mine) if ((firstOnContract.get(f.person) ?? '9999') > f.ym) firstOnContract.set(f.person, f.ym);
    const days = dayNumber(k.end_date) - dayNumber(k.start_date) + 1;
    for (const p of contractPeriods(k)) {
      const inside = mine.filter((f) => inPeriod(f, p));
      const overlap = dayNumber(p.overlapEnd) - dayNumber(p.overlapStart) + 1;
      const hoursCents = inside.reduce((s, f) => s + cents(f.hours), 0);
      const targetHours = prorate(cents(k.target_hours), overlap, days);
      const targetBen = prorate(k.target_beneficiaries * 100, overlap, days);
      const budget = prorate(cents(k.budget_cny), overlap, days);
      delivery.push({
        period_type: p.type,
        period: p.label,
        contract_id: k.contract_id,
        funder: k.funder,
        funder_type: k.funder_type,
        service_records: inside.length,
        service_hours: hoursCents / 100,
        active_volunteers: new Set(inside.map((f) => f.person)).size,
        beneficiaries: inside.reduce((s, f) => s + f.beneficiaries, 0),
        target_hours: targetHours / 100,
        target_beneficiaries: targetBen / 100,
        budget_cny: budget / 100,
        target_volunteers: k.target_volunteers,
        contract_volunteers_to_date: [...firstOnContract.values()].filter((m) => m <= p.lastMonth).length,
        hours_attainment: targetHours === 0 ? null : hoursCents / targetHours,
        cost_per_hour: hoursCents === 0 ? null : Math.floor((200 * budget + hoursCents) / (2 * hoursCents)) / 100,
        volunteer_time_value_cny: Math.floor((2 * hoursCents * wageCents + 100) / 200) / 100,
      });
    }
  }

  // agg_purchase_breakdown
  const breakdown = new Map<string, { row: Row; people: Set<string>; hours: number }>();
  for (const k of contracts) {
    const mine = facts.filter((f) => f.contract_id === k.contract_id);
    for (const p of contractPeriods(k)) {
      for (const f of mine) {
        if (!inPeriod(f, p)) continue;
        const combos: [string, string, string][] = [
          [f.district, f.street_code, f.group],
          [f.district, f.street_code, 'all'],
          [f.district, 'all', f.group],
          [f.district, 'all', 'all'],
          ['all', 'all', f.group],
          ['all', 'all', 'all'],
        ];
        for (const [district, street, group] of combos) {
          const key = [p.type, p.label, k.contract_id, district, street, group].join('|');
          let b = breakdown.get(key);
          if (!b) {
            b = {
              row: {
                period_type: p.type,
                period: p.label,
                contract_id: k.contract_id,
                district,
                street_code: street,
                beneficiary_group: group,
                records_total: 0,
                records_approved: 0,
                beneficiaries: 0,
              },
              people: new Set(),
              hours: 0,
            };
            breakdown.set(key, b);
          }
          (b.row.records_total as number) += 1;
          if (!f.approved) continue;
          (b.row.records_approved as number) += 1;
          (b.row.beneficiaries as number) += f.beneficiaries;
          b.hours += cents(f.hours);
          b.people.add(f.person);
        }
      }
    }
  }
  const purchaseBreakdown = [...breakdown.values()].map(({ row, people, hours }) => ({
    ...row,
    service_hours: hours / 100,
    active_volunteers: people.size,
  }));

  // agg_star_levels
  const firstRegistration = new Map<string, string>();
  for (const r of regs) if ((firstRegistration.get(r.person) ?? '9999') > r.on) firstRegistration.set(r.person, r.on);
  const firstService = new Map<string, string>();
  for (const f of approved)
    if ((firstService.get(f.person) ?? '9999') > f.service_date) firstService.set(f.person, f.service_date);
  const approvedByPerson = new Map<string, Fact[]>();
  for (const f of approved) approvedByPerson.set(f.person, [...(approvedByPerson.get(f.person) ?? []), f]);
  const people = new Set([...firstRegistration.keys(), ...firstService.keys()]);
  const stars = new Map<string, Set<string>>();
  const count = (key: string, person: string) => {
    const set = stars.get(key) ?? new Set<string>();
    set.add(person);
    stars.set(key, set);
  };
  for (const p of periods) {
    const next = nextDay(p.end);
    for (const person of people) {
      const reg = firstRegistration.get(person);
      const served = firstService.get(person);
      const registeredBy = reg !== undefined && reg <= p.end;
      if (!registeredBy && !(served !== undefined && served <= p.end)) continue;
      const since = registeredBy ? reg! : served!;
      const mine = (approvedByPerson.get(person) ?? []).filter((f) => f.ym <= p.lastMonth);
      const hours = mine.reduce((s, f) => s + cents(f.hours), 0) / 100;
      const star = starOf(hours, wholeMonths(since, next));
      let home = latestRegistration(person, p.end)?.district;
      if (home === undefined) {
        const byDistrict = new Map<string, number>();
        for (const f of mine) byDistrict.set(f.district, (byDistrict.get(f.district) ?? 0) + cents(f.hours));
        home = [...byDistrict].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      }
      const served_contracts = new Set(mine.filter((f) => f.contract !== 'none').map((f) => f.contract));
      for (const contract of ['all', ...served_contracts]) {
        count([p.type, p.label, home, contract, star].join('|'), person);
        count([p.type, p.label, 'all', contract, star].join('|'), person);
      }
    }
  }
  const starLevels = [...stars].map(([key, set]) => {
    const [period_type, period, district, contract_id, star] = key.split('|') as [string, string, string, string, string];
    return { period_type, period, district, contract_id, star: Number(star), volunteers: set.size };
  });

  // agg_data_quality
  const knownProjects = new Set(projects.map((p) => p.project_code));
  const serviceBatches = batches.filter((b) => b.facts.dataset === 'service_records');
  const groups = new Map<string, GeneratedBatch[]>();
  const add = (key: string, b: GeneratedBatch) => groups.set(key, [...(groups.get(key) ?? []), b]);
  for (const b of serviceBatches) {
    const period = shanghaiMonthOf(b.facts.receivedAt);
    add(['batch', b.facts.batchId, b.facts.district, period].join('|'), b);
    add(['district_month', 'all', b.facts.district, period].join('|'), b);
  }
  const quality: Row[] = [];
  for (const [key, members] of groups) {
    const [grain, batch_id, district, period] = key.split('|') as [string, string, string, string];
    const rows = members.flatMap((b) => b.service.filter((r) => !r.tombstone));
    const days = rows.map((r) => dayNumber(r.batch_received_at.slice(0, 10)) - dayNumber(r.service_date)).sort((a, b) => a - b);
    const median =
      days.length === 0 ? null : (days[Math.floor((days.length + 1) / 2) - 1]! + days[Math.ceil((days.length + 1) / 2) - 1]!) / 2;
    const sum = (pick: (b: GeneratedBatch) => number) => members.reduce((s, b) => s + pick(b), 0);
    quality.push({
      grain,
      batch_id,
      district,
      period,
      error_code: 'all',
      received: sum((b) => b.facts.received),
      accepted: sum((b) => b.facts.accepted),
      rejected: sum((b) => b.facts.rejected),
      duplicates: sum((b) => b.facts.duplicates),
      corrections: sum((b) => b.facts.corrections),
      unknown_projects: rows.filter((r) => !knownProjects.has(r.project_code)).length,
      unlinked_volunteer_records: rows.filter((r) => r.id_kind === 'volunteer_number' && !links.has(r.volunteer_key)).length,
      median_days_to_ingest: median,
    });
    const codes = new Map<string, number>();
    for (const b of members)
      for (const [code, n] of Object.entries(b.facts.rejectCodes)) if (n > 0) codes.set(code, (codes.get(code) ?? 0) + n);
    for (const [code, n] of codes) {
      quality.push({
        grain,
        batch_id,
        district,
        period,
        error_code: code,
        received: 0,
        accepted: 0,
        rejected: n,
        duplicates: 0,
        corrections: 0,
        unknown_projects: 0,
        unlinked_volunteer_records: 0,
        median_days_to_ingest: null,
      });
    }
  }

  return {
    agg_participation: participation,
    agg_project_outcomes: projectOutcomes,
    agg_purchase_delivery: delivery,
    agg_purchase_breakdown: purchaseBreakdown,
    agg_star_levels: starLevels,
    agg_data_quality: quality,
  };
}

/** The dimension columns that identify a row of each table. */
export const TABLE_KEYS: Record<string, string[]> = {
  agg_participation: ['period_type', 'period', 'district', 'street_code'],
  agg_project_outcomes: ['period_type', 'period', 'project_code', 'category', 'district', 'beneficiary_group'],
  agg_purchase_delivery: ['period_type', 'period', 'contract_id'],
  agg_purchase_breakdown: ['period_type', 'period', 'contract_id', 'district', 'street_code', 'beneficiary_group'],
  agg_star_levels: ['period_type', 'period', 'district', 'contract_id', 'star'],
  agg_data_quality: ['grain', 'batch_id', 'district', 'period', 'error_code'],
};
