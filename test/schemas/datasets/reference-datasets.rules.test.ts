import { describe, expect, it } from 'vitest';
import type { RawRow, RowContext } from '../../../schemas/dataset.ts';
import { contracts } from '../../../schemas/datasets/contracts.ts';
import { projects } from '../../../schemas/datasets/projects.ts';
import { registrations } from '../../../schemas/datasets/registrations.ts';
import { idNumberCheckChar } from '../../../schemas/rules/id-number.ts';

const ctx: RowContext = { district: 'nanshan', today: '2026-11-29' };
const cityCtx: RowContext = { district: 'city', today: '2026-11-29' };
const id17 = '44030519850615002';
const idNumber = id17 + idNumberCheckChar(id17);

function codes<T>(result: { ok: true; value: T } | { ok: false; issues: { column: string; code: string }[] }): string[] {
  return result.ok ? [] : result.issues.map((i) => `${i.column}:${i.code}`);
}

describe('registrations', () => {
  const base: RawRow = { volunteer_number: 'NS123456', district: '南山区', street_code: '440305001', registered_on: '2024/5/1' };

  it('accepts a number, an ID, or both, and links them', () => {
    const both = registrations.validate({ ...base, id_number: idNumber.toLowerCase() }, ctx);
    expect(both).toEqual({
      ok: true,
      value: {
        volunteer_number: 'NS123456',
        id_number: idNumber.toUpperCase(),
        birth_date: '1985-06-15',
        sex: 'F',
        district: 'nanshan',
        street_code: '440305001',
        registered_on: '2024-05-01',
      },
    });
    expect(codes(registrations.validate({ ...base, volunteer_number: undefined, id_number: idNumber }, ctx))).toEqual([]);
  });

  it('needs at least one identity, a valid ID number, the batch district and one of its streets', () => {
    expect(codes(registrations.validate({ ...base, volunteer_number: undefined }, ctx))).toEqual([
      'volunteer_number:VOLUNTEER_IDENTITY_REQUIRED',
    ]);
    expect(
      codes(
        registrations.validate(
          { ...base, id_number: `${id17}0`.replace(/.$/, idNumberCheckChar(id17) === '0' ? '1' : '0') },
          ctx,
        ),
      ),
    ).toEqual(['id_number:ID_NUMBER_CHECKSUM']);
    expect(codes(registrations.validate({ ...base, id_number: 'X1234' }, ctx))).toEqual(['id_number:ID_NUMBER_FORMAT']);
    expect(codes(registrations.validate({ ...base, district: 'futian', street_code: '440304001' }, ctx))).toEqual([
      'district:DISTRICT_MISMATCH',
    ]);
    expect(codes(registrations.validate({ ...base, street_code: '440304001' }, ctx))).toEqual([
      'street_code:STREET_NOT_IN_DISTRICT',
    ]);
    expect(codes(registrations.validate({ ...base, registered_on: '2030-01-01' }, ctx))).toEqual([
      'registered_on:DATE_IN_FUTURE',
    ]);
  });

  it('keys a registration by its volunteer number, else by its ID number', () => {
    const a = registrations.validate(base, ctx);
    const b = registrations.validate({ ...base, volunteer_number: undefined, id_number: idNumber }, ctx);
    expect(a.ok && registrations.naturalKey(a.value)).toBe('N#NS123456');
    expect(b.ok && registrations.naturalKey(b.value)).toBe(`I#${idNumber}`);
  });
});

describe('projects', () => {
  const base: RawRow = {
    project_code: 'SBZA',
    name_zh: '松柏之爱',
    category: '敬老助老',
    district: 'all',
    start_date: '2020-01-01',
  };

  it('accepts a city-wide or district project and an open end', () => {
    expect(projects.validate(base, cityCtx)).toEqual({
      ok: true,
      value: {
        project_code: 'SBZA',
        name_zh: '松柏之爱',
        name_en: null,
        category: 'elderly_care',
        district: 'all',
        start_date: '2020-01-01',
        end_date: null,
      },
    });
    expect(codes(projects.validate({ ...base, district: '福田' }, cityCtx))).toEqual([]);
  });

  it('rejects an unknown district, a bad category and an end before the start', () => {
    expect(codes(projects.validate({ ...base, district: 'mars' }, cityCtx))).toEqual(['district:PROJECT_DISTRICT_UNKNOWN']);
    expect(codes(projects.validate({ ...base, category: '??' }, cityCtx))).toEqual(['category:CATEGORY_UNKNOWN']);
    expect(codes(projects.validate({ ...base, end_date: '2019-12-31' }, cityCtx))).toEqual(['end_date:DATE_ORDER']);
  });
});

describe('contracts', () => {
  const base: RawRow = {
    contract_id: 'JJ-2026-01',
    funder: '深圳市公安局交通警察局',
    funder_type: '政府',
    start_date: '2026-01-01',
    end_date: '2026-12-31',
    budget_cny: '1200000',
    target_hours: '50000.5',
    target_volunteers: '800',
    target_beneficiaries: '100000',
  };

  it('accepts a contract and normalises its funder type and amounts', () => {
    expect(contracts.validate(base, cityCtx)).toEqual({
      ok: true,
      value: {
        ...base,
        funder_type: 'government',
        budget_cny: 1_200_000,
        target_hours: 50000.5,
        target_volunteers: 800,
        target_beneficiaries: 100000,
      },
    });
  });

  it('rejects a bad funder type, amounts, counts and date order', () => {
    expect(codes(contracts.validate({ ...base, funder_type: 'ngo' }, cityCtx))).toEqual(['funder_type:FUNDER_TYPE_UNKNOWN']);
    expect(codes(contracts.validate({ ...base, budget_cny: '-5' }, cityCtx))).toEqual(['budget_cny:AMOUNT_FORMAT']);
    expect(codes(contracts.validate({ ...base, target_volunteers: '1.5' }, cityCtx))).toEqual(['target_volunteers:COUNT_FORMAT']);
    expect(codes(contracts.validate({ ...base, end_date: '2025-12-31' }, cityCtx))).toEqual(['end_date:DATE_ORDER']);
  });
});
