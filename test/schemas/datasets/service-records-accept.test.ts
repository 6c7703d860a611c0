import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../pipeline/generate/index.ts';
import { presentRows } from '../../../pipeline/generate/present.ts';
import { type ContractRef, cellText, type RawRow, type RowContext, runRowSchema } from '../../../schemas/dataset.ts';
import { serviceRecordRowSchema, serviceRecords } from '../../../schemas/datasets/service-records.ts';
import { acceptServiceRecord, clockOf, dateOf } from '../../../schemas/datasets/service-records-accept.ts';
import { BENEFICIARY_GROUPS, DISTRICTS, SERVICE_CATEGORIES, STREETS } from '../../../schemas/reference/index.ts';
import { resolveFunderType } from '../../../schemas/rules/codes.ts';
import { formatClock, parseClock, parseFlexibleDate } from '../../../schemas/rules/dates.ts';
import { idNumberCheckChar } from '../../../schemas/rules/id-number.ts';

/** zod's verdict on a row: the oracle the fast path must agree with. */
const schemas = new WeakMap<RowContext, ReturnType<typeof serviceRecordRowSchema>>();
function zodVerdict(row: RawRow, ctx: RowContext) {
  let schema = schemas.get(ctx);
  if (!schema) {
    schema = serviceRecordRowSchema(ctx);
    schemas.set(ctx, schema);
  }
  return runRowSchema(schema, row);
}

const CONTRACTS: ReadonlyMap<string, ContractRef> = new Map(
  (
    [
      ['GOV-1', 'government', '2026-01-01', '2026-12-31'],
      ['ENT-1', 'enterprise', '2026-06-01', '2026-12-31'],
      ['GOV-OLD', 'government', '2024-01-01', '2024-12-31'],
      ['ent-2', 'enterprise', '1990-01-01', '2030-12-31'],
    ] as const
  ).map(([contract_id, funder_type, start_date, end_date]) => [contract_id, { contract_id, funder_type, start_date, end_date }]),
);

/** Batch contexts: every district, two ingestion days, with and (less often) without loaded contracts. */
const CONTEXTS: readonly RowContext[] = DISTRICTS.flatMap((d) =>
  ['2026-06-30', '2026-11-29'].flatMap((today) => [
    { district: d.slug, today, contracts: CONTRACTS },
    { district: d.slug, today, contracts: CONTRACTS },
    { district: d.slug, today },
  ]),
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const cell = (...values: (string | undefined)[]) => fc.constantFrom(...values);
const day = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true });

/** A date in one of the spellings the contract allows (surrounding whitespace included). */
const dateText = (dates: fc.Arbitrary<Date>) =>
  fc.tuple(dates, fc.constantFrom('iso', 'iso', 'iso-short', 'slash', 'zh', 'spaced')).map(([date, style]) => {
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (style === 'iso') return `${y}-${pad(m)}-${pad(d)}`;
    if (style === 'iso-short') return `${y}-${m}-${d}`;
    if (style === 'slash') return `${y}/${m}/${d}`;
    if (style === 'zh') return `${y}年${m}月${d}日`;
    return ` ${y}-${pad(m)}-${pad(d)}\t`;
  });

/** ID numbers: valid (upper or lower-case X), wrong check character, impossible or future birth date. */
const idNumber = (kinds: readonly ('valid' | 'lower' | 'wrong-check' | 'feb-30')[], births: fc.Arbitrary<Date>) =>
  fc
    .tuple(
      fc.constantFrom('440304', '440305', '110105', '445281'),
      births,
      fc.integer({ min: 0, max: 999 }),
      fc.constantFrom(...kinds),
    )
    .map(([region, birth, sequence, kind]) => {
      const born =
        kind === 'feb-30' ? '19900230' : `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCDate())}`;
      const first17 = `${region}${born}${pad(sequence, 3)}`;
      const check = idNumberCheckChar(first17);
      if (kind === 'wrong-check') return first17 + (check === '0' ? '1' : '0');
      return kind === 'lower' ? (first17 + check).toLowerCase() : first17 + check;
    });

/** Clocks in several spellings, from minutes after midnight. */
const clockText = (minutes: number, style: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (style === 0) return `${h}:${pad(m)}`;
  if (style === 1) return `${pad(h)}:${pad(m)}:${pad((m * 7) % 60)}`;
  if (style === 2) return ` ${pad(h)}:${pad(m)}`;
  return `${pad(h)}:${pad(m)}`;
};

/** Start, end and hours together: exact, tolerated (±0.25) and mismatching hours, or only some of the three. */
const timesAndHours = fc
  .tuple(
    fc.integer({ min: 0, max: 1200 }),
    fc.integer({ min: 1, max: 239 }),
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom('exact', 'exact', 'times-only', 'plus-quarter', 'minus-quarter', 'plus-0.26', 'hours-only', 'start-only'),
  )
  .map(([start, duration, style, mode]) => {
    const end = start + duration;
    const span = duration / 60;
    const hoursOf = (h: number) => String(Math.round(h * 100) / 100);
    const times = { start_time: clockText(start, style), end_time: clockText(end, (style + 1) % 4) };
    if (mode === 'times-only') return { ...times, hours: undefined };
    if (mode === 'hours-only') return { start_time: undefined, end_time: undefined, hours: hoursOf(span) };
    if (mode === 'start-only') return { start_time: times.start_time, end_time: undefined, hours: hoursOf(span) };
    const delta = mode === 'plus-quarter' ? 0.25 : mode === 'minus-quarter' ? -0.25 : mode === 'plus-0.26' ? 0.26 : 0;
    return { ...times, hours: hoursOf(span + delta) };
  });

const label = (rows: readonly { code: string; zh: string; aliases: readonly string[] }[]) =>
  fc
    .constantFrom(...rows)
    .chain((row) => fc.constantFrom(row.code, row.code.toUpperCase(), row.zh, ` ${row.zh} `, ...row.aliases));

/** Funding and contract together, consistent with the loaded contracts (a government one only covers 2026). */
const fundingAndContract = fc.oneof(
  {
    arbitrary: fc.record({
      funding: cell(undefined, 'self_funded', '自筹', 'SELF_FUNDED', '自主开展'),
      contract_id: cell(undefined),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ funding: cell('government_purchase', '政府购买', ' 政府购买服务 '), contract_id: cell('GOV-1') }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ funding: cell('enterprise_purchase', '企业购买', 'Enterprise_Purchase'), contract_id: cell('ent-2') }),
    weight: 1,
  },
);

/** A row where every rule passes (given contracts are loaded): the common case. */
function validRow(ctx: RowContext): fc.Arbitrary<RawRow> {
  const district = DISTRICTS.find((d) => d.slug === ctx.district)!;
  const spellings = [district.slug, district.slug.toUpperCase(), ` ${district.slug} `, district.zh, district.zh.slice(0, 2)];
  if (district.code !== null) spellings.push(district.code);
  return fc
    .record({
      record_id: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      district: fc.constantFrom(...spellings),
      street_code: fc.constantFrom(...STREETS.filter((s) => s.district === district.slug).map((s) => s.code)),
      community: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
      volunteer_id: fc.oneof(
        idNumber(['valid', 'valid', 'lower'], day('1940-01-01', '2012-12-31')),
        fc.stringMatching(/^[A-Za-z0-9]{6,32}$/),
      ),
      project_code: fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
      category: label(SERVICE_CATEGORIES),
      service_date: dateText(day('2024-01-01', '2026-06-30')),
      beneficiaries: fc.option(fc.integer({ min: 0, max: 100_000 }).map(String), { nil: undefined }),
      beneficiary_group: fc.option(label(BENEFICIARY_GROUPS), { nil: undefined }),
      status: cell(undefined, 'approved', '已审核', 'PENDING', '待审核', '不通过', 'not_approved'),
    })
    .chain((row) => fc.tuple(timesAndHours, fundingAndContract).map(([times, funding]) => ({ ...row, ...times, ...funding })));
}

/** Odd values per column: broken ones, borderline valid ones, other districts' codes, empty text, missing cells. */
const ODD: Record<string, fc.Arbitrary<unknown>> = {
  record_id: cell('a'.repeat(64), 'a'.repeat(65), 'FT 01', 'ＦＴ01', 'FT/01', '', undefined),
  district: fc.oneof(
    fc.constantFrom(...DISTRICTS.flatMap((d) => [d.slug, d.zh])),
    cell('火星区', 'city', '440301', 'Futian ', ''),
  ),
  street_code: fc.oneof(
    fc.constantFrom(...STREETS.map((s) => s.code)),
    cell('440304999', '44030400', '440304001 ', '４40304001', ''),
  ),
  community: fc.oneof(fc.string(), cell('社'.repeat(64), '社'.repeat(65), '😀'.repeat(32), '😀'.repeat(33), '')),
  volunteer_id: fc.oneof(
    idNumber(['wrong-check', 'feb-30', 'valid', 'lower'], day('1900-01-01', '2029-12-31')),
    cell(
      'AB12',
      'ab1234',
      'SZ-0001',
      'a'.repeat(32),
      'a'.repeat(33),
      '4403041990010100',
      '44030419900101001Y',
      ' SZYG10247609',
      '',
    ),
  ),
  project_code: cell('P/1', 'a'.repeat(32), 'a'.repeat(33), 'SZ SBZA', '', undefined),
  category: cell('跳舞', 'elderly care', ' ELDERLY_CARE ', '', undefined),
  service_date: fc.oneof(
    dateText(day('1985-01-01', '2027-12-31')),
    cell('2026-02-30', '2026-13-01', '2025-02-29', '2024-02-29', '1989-12-31', '1990-01-01', '2026-06-30', '2026-07-01'),
    cell('2026-11-29', '2026-11-30', '46000', 'yesterday', '2026.03.05', '', undefined),
  ),
  start_time: fc.oneof(
    fc.integer({ min: 0, max: 1439 }).map((m) => clockText(m, m % 4)),
    cell('25:00', '9:60', '9.30', '0930', '24:00', '23:59', '0:00', '00:00:59', '', undefined),
  ),
  end_time: fc.oneof(
    fc.integer({ min: 0, max: 1439 }).map((m) => clockText(m, m % 4)),
    cell('25:00', '9:60', '24:00', '23:59', '00:00', '', undefined),
  ),
  hours: fc.oneof(
    fc.integer({ min: 0, max: 2600 }).map((n) => (n / 100).toFixed(n % 4)),
    cell('2.555', '0', '0.00', '25', '24', '24.00', '0.01', '24.01', '-1', '1e1', '2,5', '007.50', ' 2 ', '', undefined),
  ),
  beneficiaries: cell('12.0', '12.00', '12.5', '-1', 'abc', '1e3', ' 7 ', '100000', '100001', '9007199254740993', ''),
  beneficiary_group: cell('外星人', 'Elderly', '老人', ''),
  funding: cell('cash', '', 'government_purchase', '企业购买服务', 'self_funded', undefined),
  contract_id: cell('GOV-1', 'ENT-1', 'GOV-OLD', 'ent-2', 'ENT-2', 'NOPE-1', 'bad id', 'x'.repeat(33), '', undefined),
  status: cell('maybe', '', 'Approved', undefined),
};
/** Columns whose zod rule codes a non-text value (other columns make runRowSchema throw, as before the fast path). */
const CODED_COLUMNS = ['record_id', 'district', 'volunteer_id', 'service_date', 'start_time', 'hours'];
const oddCell = fc.oneof(
  { arbitrary: fc.oneof(...Object.entries(ODD).map(([key, value]) => fc.tuple(fc.constant(key), value))), weight: 30 },
  { arbitrary: fc.tuple(fc.constantFrom(...CODED_COLUMNS), fc.constantFrom<unknown>(null, 2, true)), weight: 1 },
);

/** A context and a valid row with zero to three columns replaced by odd values. */
const rowArbitraries = new Map(CONTEXTS.map((ctx) => [ctx, validRow(ctx)]));
const caseArbitrary = fc
  .constantFrom(...CONTEXTS)
  .chain((ctx) => fc.tuple(fc.constant(ctx), rowArbitraries.get(ctx)!, fc.array(oddCell, { maxLength: 3 })))
  .map(([ctx, row, odd]) => ({ ctx, row: { ...row, ...Object.fromEntries(odd) } as RawRow }));

describe('acceptServiceRecord (the fast accept path)', () => {
  it('accepts only what zod accepts, returning exactly zod’s value, and never accepts what zod rejects', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(caseArbitrary, ({ ctx, row }) => {
        const fast = acceptServiceRecord(row, ctx);
        const zod = zodVerdict(row, ctx);
        if (fast !== undefined) {
          expect(zod.ok).toBe(true);
          if (zod.ok) expect(fast).toStrictEqual(zod.value);
          accepted++;
        }
        if (!zod.ok) {
          expect(fast).toBeUndefined();
          rejected++;
        }
      }),
      { numRuns: 3000, seed: 20260630 },
    );
    // Both outcomes are exercised often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(450);
    expect(rejected).toBeGreaterThan(1200);
  });

  it('agrees with zod under a fresh random seed too', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ ctx, row }) => {
        const fast = acceptServiceRecord(row, ctx);
        const zod = zodVerdict(row, ctx);
        if (fast !== undefined) expect(zod).toStrictEqual({ ok: true, value: fast });
        if (!zod.ok) expect(fast).toBeUndefined();
      }),
      { numRuns: 800 },
    );
  });

  it('takes the fast path for nearly every valid row of the generated sample dataset', () => {
    const asOf = '2026-06-30';
    const dataset = generateDataset({ asOf, seed: 11, records: 3000 });
    const contractRows = dataset.batches.find((b) => b.dataset === 'contracts')?.rows ?? [];
    const contracts = new Map<string, ContractRef>(
      contractRows.map((c) => {
        const row = c as unknown as Record<string, string>;
        const contract: ContractRef = {
          contract_id: row.contract_id!,
          funder_type: resolveFunderType(row.funder_type!)!,
          start_date: row.start_date!,
          end_date: row.end_date!,
        };
        return [contract.contract_id, contract];
      }),
    );
    let zodAccepted = 0;
    let fastAccepted = 0;
    let batches = 0;
    for (const batch of dataset.batches) {
      if (batch.dataset !== 'service_records') continue;
      batches++;
      const ctx: RowContext = { district: batch.district, today: asOf, contracts };
      const { keys, cells } = presentRows('service_records', batch.rows as never, batch.style);
      for (const presented of cells) {
        const row: RawRow = {};
        keys.forEach((key, i) => {
          if (key !== 'name' && key !== 'phone') row[key] = cellText(presented[i]);
        });
        const zod = zodVerdict(row, ctx);
        const fast = acceptServiceRecord(row, ctx);
        if (fast !== undefined) expect(zod).toStrictEqual({ ok: true, value: fast });
        if (!zod.ok) continue;
        zodAccepted++;
        if (fast !== undefined) fastAccepted++;
      }
    }
    expect(batches).toBeGreaterThanOrEqual(11);
    expect(zodAccepted).toBeGreaterThan(2500);
    expect(fastAccepted / zodAccepted).toBeGreaterThanOrEqual(0.95);
  });
});

describe('serviceRecords.validate with the fast path', () => {
  const ctx: RowContext = { district: 'futian', today: '2026-11-29', contracts: CONTRACTS };
  const base: RawRow = {
    record_id: 'FT-0001',
    district: '福田',
    street_code: '440304001',
    volunteer_id: 'szv000123',
    project_code: 'SBZA-01',
    category: '敬老助老',
    service_date: '2026/3/5',
    start_time: '9:00',
    end_time: '11:30',
    funding: '政府购买',
    contract_id: 'GOV-1',
  };

  it('returns the fast path’s value for a valid row, equal to zod’s', () => {
    const result = serviceRecords.validate(base, ctx);
    expect(result).toStrictEqual(zodVerdict(base, ctx));
    expect(result).toMatchObject({
      ok: true,
      value: { district: 'futian', volunteer_id: 'SZV000123', hours: 2.5, start_time: '09:00', funding: 'government_purchase' },
    });
  });

  it('leaves a non-text cell to zod, whatever the column', () => {
    for (const column of ['community', 'status', 'beneficiaries', 'contract_id', 'hours', 'record_id']) {
      const row = { ...base, [column]: 5 } as unknown as RawRow;
      expect(acceptServiceRecord(row, ctx)).toBeUndefined();
    }
    const row = { ...base, hours: 2.5 } as unknown as RawRow;
    expect(serviceRecords.validate(row, ctx)).toStrictEqual({
      ok: false,
      issues: [{ column: 'hours', code: 'HOURS_FORMAT', value: 2.5 }],
    });
  });

  const broken: [string, RawRow, string[]][] = [
    ['a missing record id', { record_id: undefined }, ['record_id:REQUIRED']],
    ['another district', { district: '罗湖' }, ['district:DISTRICT_MISMATCH', 'street_code:STREET_NOT_IN_DISTRICT']],
    ['a street of another district', { street_code: '440303001' }, ['street_code:STREET_NOT_IN_DISTRICT']],
    ['a bad ID checksum', { volunteer_id: '440304199001010010' }, ['volunteer_id:ID_NUMBER_CHECKSUM']],
    ['an unknown category', { category: '跳舞' }, ['category:CATEGORY_UNKNOWN']],
    ['a future date', { service_date: '2026-11-30' }, ['service_date:DATE_IN_FUTURE']],
    ['reversed times', { start_time: '12:00' }, ['end_time:TIME_ORDER']],
    ['no hours nor times', { start_time: undefined }, ['hours:REQUIRED']],
    ['mismatching hours', { hours: '2.76' }, ['hours:HOURS_MISMATCH']],
    ['a purchase without contract', { contract_id: undefined }, ['contract_id:CONTRACT_REQUIRED']],
    ['a contract of the wrong funder', { contract_id: 'ENT-1' }, ['contract_id:CONTRACT_FUNDER_MISMATCH']],
    ['a service outside the contract', { contract_id: 'GOV-OLD' }, ['contract_id:CONTRACT_PERIOD']],
    ['a contract on a self-funded record', { funding: undefined }, ['contract_id:CONTRACT_NOT_EXPECTED']],
  ];
  it.each(broken)('still reports zod’s issues for %s', (_, patch, expected) => {
    const row = { ...base, ...patch };
    const result = serviceRecords.validate(row, ctx);
    expect(result).toStrictEqual(zodVerdict(row, ctx));
    expect(result.ok ? [] : result.issues.map((i) => `${i.column}:${i.code}`)).toEqual(expected);
  });

  it('judges a remembered volunteer id again when today changes (birth dates must not be later)', () => {
    const body = '44030420260501002';
    const id = body + idNumberCheckChar(body);
    const row = { ...base, volunteer_id: id, service_date: '2026-05-02' };
    const later = { ...ctx, today: '2026-06-30' };
    const earlier = { ...ctx, today: '2026-05-02' };
    const beforeBirth = { ...ctx, today: '2026-04-30' };
    expect(acceptServiceRecord(row, later)).toMatchObject({ id_kind: 'id_number', birth_date: '2026-05-01' });
    expect(acceptServiceRecord(row, earlier)).toMatchObject({ birth_date: '2026-05-01' });
    expect(acceptServiceRecord({ ...row, service_date: '2026-04-30' }, beforeBirth)).toBeUndefined();
    expect(zodVerdict({ ...row, service_date: '2026-04-30' }, beforeBirth)).toMatchObject({ ok: false });
  });
});

describe('the date and clock fast paths', () => {
  const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
  /** Text near the `YYYY-MM-DD` shape: every year, month and day of two digits, or one character off. */
  const nearDate = fc.oneof(
    fc.tuple(digits(4, 9999), digits(2, 99), digits(2, 99)).map(([y, m, d]) => `${y}-${m}-${d}`),
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 27, max: 31 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${d}`),
    fc.string({ unit: fc.constantFrom(...'0123456789-/年月日 :a١'), minLength: 8, maxLength: 12 }),
  );
  const nearClock = fc.oneof(
    fc.tuple(digits(2, 99), digits(2, 99)).map(([h, m]) => `${h}:${m}`),
    fc.string({ unit: fc.constantFrom(...'0123456789: a٣'), minLength: 3, maxLength: 9 }),
  );

  it('dateOf equals parseFlexibleDate, called once or again', () => {
    fc.assert(
      fc.property(nearDate, (text) => {
        const expected = parseFlexibleDate(text);
        expect(dateOf(text)).toBe(expected);
        expect(dateOf(text)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('dateOf decides leap days as the rule does (Date.UTC reads years 0-99 as 1900-1999)', () => {
    for (const text of ['0000-02-29', '0004-02-29', '1900-02-29', '2000-02-29', '2024-02-29', '2026-02-29', '2026-04-31']) {
      expect(dateOf(text)).toBe(parseFlexibleDate(text));
    }
  });

  it('clockOf equals parseClock with formatClock of it, called once or again', () => {
    fc.assert(
      fc.property(nearClock, (text) => {
        const minutes = parseClock(text);
        const expected = minutes === undefined ? undefined : { minutes, text: formatClock(minutes) };
        expect(clockOf(text)).toEqual(expected);
        expect(clockOf(text)).toEqual(expected);
      }),
      { numRuns: 20_000 },
    );
  });
});
