import { describe, expect, it } from 'vitest';
import type { RawRow, RowContext } from '../../../schemas/dataset.ts';
import { serviceRecords } from '../../../schemas/datasets/service-records.ts';
import type { RowErrorCode } from '../../../schemas/messages.ts';
import { idNumberCheckChar } from '../../../schemas/rules/id-number.ts';

const ctx: RowContext = {
  district: 'futian',
  today: '2026-11-29',
  contracts: new Map([
    ['GOV-1', { contract_id: 'GOV-1', funder_type: 'government', start_date: '2026-01-01', end_date: '2026-12-31' }],
    ['ENT-1', { contract_id: 'ENT-1', funder_type: 'enterprise', start_date: '2026-06-01', end_date: '2026-12-31' }],
  ]),
};

const id17 = '44030419900101001';
const validId = id17 + idNumberCheckChar(id17);
const wrongCheck = id17 + (idNumberCheckChar(id17) === '0' ? '1' : '0');

const base: RawRow = {
  record_id: 'FT-0001',
  district: 'futian',
  street_code: '440304001',
  volunteer_id: 'SZV000123',
  project_code: 'SBZA-01',
  category: 'elderly_care',
  service_date: '2026-03-05',
  hours: '2.5',
};

function codesOf(patch: RawRow): string[] {
  const result = serviceRecords.validate({ ...base, ...patch }, ctx);
  return result.ok ? [] : result.issues.map((i) => `${i.column}:${i.code}`);
}

/** Each rule: a patch that breaks it (with the expected column:code) and one that satisfies it. */
const rules: [RowErrorCode, RawRow, string, RawRow][] = [
  ['REQUIRED', { record_id: undefined }, 'record_id:REQUIRED', { record_id: 'A' }],
  ['RECORD_ID_FORMAT', { record_id: 'FT 01' }, 'record_id:RECORD_ID_FORMAT', { record_id: 'a'.repeat(64) }],
  ['DISTRICT_UNKNOWN', { district: '火星区' }, 'district:DISTRICT_UNKNOWN', { district: '福田区' }],
  ['DISTRICT_MISMATCH', { district: '罗湖', street_code: '440303001' }, 'district:DISTRICT_MISMATCH', { district: '440304' }],
  ['STREET_CODE_FORMAT', { street_code: '44030400' }, 'street_code:STREET_CODE_FORMAT', { street_code: '440304002' }],
  ['STREET_UNKNOWN', { street_code: '440304999' }, 'street_code:STREET_UNKNOWN', { street_code: '440304010' }],
  ['STREET_NOT_IN_DISTRICT', { street_code: '440303001' }, 'street_code:STREET_NOT_IN_DISTRICT', { street_code: '440304001' }],
  ['COMMUNITY_TOO_LONG', { community: '社'.repeat(65) }, 'community:COMMUNITY_TOO_LONG', { community: '社'.repeat(64) }],
  ['ID_NUMBER_CHECKSUM', { volunteer_id: wrongCheck }, 'volunteer_id:ID_NUMBER_CHECKSUM', { volunteer_id: validId }],
  [
    'ID_NUMBER_BIRTH_DATE',
    { volunteer_id: `44030419900230001${idNumberCheckChar('44030419900230001')}` },
    'volunteer_id:ID_NUMBER_BIRTH_DATE',
    { volunteer_id: validId.toLowerCase() },
  ],
  ['VOLUNTEER_NUMBER_FORMAT', { volunteer_id: 'AB12' }, 'volunteer_id:VOLUNTEER_NUMBER_FORMAT', { volunteer_id: 'ab1234' }],
  ['PROJECT_CODE_FORMAT', { project_code: 'P/1' }, 'project_code:PROJECT_CODE_FORMAT', { project_code: 'P_1-x' }],
  ['CATEGORY_UNKNOWN', { category: '跳舞' }, 'category:CATEGORY_UNKNOWN', { category: '敬老助老' }],
  ['DATE_FORMAT', { service_date: '2026-02-30' }, 'service_date:DATE_FORMAT', { service_date: '2026年2月28日' }],
  ['DATE_IN_FUTURE', { service_date: '2026-11-30' }, 'service_date:DATE_IN_FUTURE', { service_date: '2026/11/29' }],
  ['DATE_TOO_EARLY', { service_date: '1989-12-31' }, 'service_date:DATE_TOO_EARLY', { service_date: '1990-01-01' }],
  [
    'TIME_FORMAT',
    { start_time: '25:00', end_time: '26:00' },
    'start_time:TIME_FORMAT',
    { start_time: '9:00', end_time: '11:30' },
  ],
  [
    'TIME_ORDER',
    { start_time: '11:00', end_time: '09:00', hours: undefined },
    'end_time:TIME_ORDER',
    { start_time: '09:00', end_time: '11:00', hours: undefined },
  ],
  ['HOURS_FORMAT', { hours: '2.555' }, 'hours:HOURS_FORMAT', { hours: '2.55' }],
  ['HOURS_RANGE', { hours: '24.5' }, 'hours:HOURS_RANGE', { hours: '24' }],
  [
    'HOURS_MISMATCH',
    { start_time: '09:00', end_time: '11:00', hours: '2.26' },
    'hours:HOURS_MISMATCH',
    { start_time: '09:00', end_time: '11:00', hours: '2.25' },
  ],
  ['BENEFICIARIES_FORMAT', { beneficiaries: '100001' }, 'beneficiaries:BENEFICIARIES_FORMAT', { beneficiaries: '100000' }],
  [
    'BENEFICIARY_GROUP_UNKNOWN',
    { beneficiary_group: '外星人' },
    'beneficiary_group:BENEFICIARY_GROUP_UNKNOWN',
    { beneficiary_group: '老人' },
  ],
  ['FUNDING_UNKNOWN', { funding: '众筹' }, 'funding:FUNDING_UNKNOWN', { funding: '自筹' }],
  [
    'CONTRACT_ID_FORMAT',
    { funding: 'government_purchase', contract_id: 'GOV 1' },
    'contract_id:CONTRACT_ID_FORMAT',
    { funding: 'government_purchase', contract_id: 'GOV-1' },
  ],
  ['CONTRACT_REQUIRED', { funding: '政府购买' }, 'contract_id:CONTRACT_REQUIRED', { funding: '政府购买', contract_id: 'GOV-1' }],
  [
    'CONTRACT_NOT_EXPECTED',
    { funding: 'self_funded', contract_id: 'GOV-1' },
    'contract_id:CONTRACT_NOT_EXPECTED',
    { funding: 'self_funded' },
  ],
  [
    'CONTRACT_UNKNOWN',
    { funding: '政府购买', contract_id: 'GOV-9' },
    'contract_id:CONTRACT_UNKNOWN',
    { funding: '政府购买', contract_id: 'GOV-1' },
  ],
  [
    'CONTRACT_FUNDER_MISMATCH',
    { funding: 'enterprise_purchase', contract_id: 'GOV-1' },
    'contract_id:CONTRACT_FUNDER_MISMATCH',
    { funding: 'enterprise_purchase', contract_id: 'ENT-1', service_date: '2026-07-01' },
  ],
  [
    'CONTRACT_PERIOD',
    { funding: '企业购买', contract_id: 'ENT-1', service_date: '2026-05-31' },
    'contract_id:CONTRACT_PERIOD',
    { funding: '企业购买', contract_id: 'ENT-1', service_date: '2026-06-01' },
  ],
  ['STATUS_UNKNOWN', { status: '作废' }, 'status:STATUS_UNKNOWN', { status: '不通过' }],
];

describe('service_records rules', () => {
  it('accepts the base row', () => {
    expect(codesOf({})).toEqual([]);
  });

  it.each(rules)('%s: fails when broken, passes when satisfied', (_code, failing, expected, passing) => {
    expect(codesOf(failing)).toContain(expected);
    expect(codesOf(passing)).toEqual([]);
  });

  it('requires hours unless both start and end times are given, and derives them', () => {
    expect(codesOf({ hours: undefined })).toEqual(['hours:REQUIRED']);
    expect(codesOf({ hours: undefined, start_time: '09:00' })).toEqual(['hours:REQUIRED']);
    const derived = serviceRecords.validate({ ...base, hours: undefined, start_time: '09:10', end_time: '11:00' }, ctx);
    expect(derived.ok && derived.value.hours).toBe(1.83);
    const kept = serviceRecords.validate({ ...base, hours: '2.1', start_time: '09:00', end_time: '11:00' }, ctx);
    expect(kept.ok && kept.value.hours).toBe(2.1);
  });

  it('reports every failing rule of a row at once, cross-field rules included', () => {
    expect(codesOf({ record_id: 'bad id', category: 'x', district: '罗湖', funding: '政府购买' }).sort()).toEqual(
      [
        'category:CATEGORY_UNKNOWN',
        'contract_id:CONTRACT_REQUIRED',
        'district:DISTRICT_MISMATCH',
        'record_id:RECORD_ID_FORMAT',
        'street_code:STREET_NOT_IN_DISTRICT',
      ].sort(),
    );
  });

  it('normalises codes, labels, defaults and the volunteer id', () => {
    const result = serviceRecords.validate(
      {
        ...base,
        district: '福田区',
        volunteer_id: 'szv000123',
        category: '敬老助老',
        status: '待审核',
        beneficiary_group: '老人',
      },
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        district: 'futian',
        volunteer_id: 'SZV000123',
        id_kind: 'volunteer_number',
        category: 'elderly_care',
        status: 'pending',
        funding: 'self_funded',
        beneficiaries: 0,
        beneficiary_group: 'elderly',
        contract_id: null,
      }),
    });
  });

  it('derives sex and birth date from an ID number', () => {
    const result = serviceRecords.validate({ ...base, volunteer_id: validId }, ctx);
    expect(result.ok && [result.value.id_kind, result.value.sex, result.value.birth_date]).toEqual([
      'id_number',
      'M',
      '1990-01-01',
    ]);
  });
});
