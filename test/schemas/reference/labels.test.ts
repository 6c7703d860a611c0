import { describe, expect, it } from 'vitest';
import { BENEFICIARY_GROUPS, resolveBeneficiaryGroup } from '../../../schemas/reference/beneficiary-groups.ts';
import { resolveCategory, SERVICE_CATEGORIES } from '../../../schemas/reference/categories.ts';
import { buildLabelResolver } from '../../../schemas/reference/label-index.ts';

const tables = [
  { name: 'SERVICE_CATEGORIES', rows: SERVICE_CATEGORIES, resolve: resolveCategory },
  { name: 'BENEFICIARY_GROUPS', rows: BENEFICIARY_GROUPS, resolve: resolveBeneficiaryGroup },
] as const;

describe.each(tables)('$name', ({ rows, resolve }) => {
  it('has unique snake_case ASCII codes', () => {
    for (const row of rows) expect(row.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(new Set(rows.map((row) => row.code)).size).toBe(rows.length);
  });

  it('has unique zh and en labels', () => {
    expect(new Set(rows.map((row) => row.zh)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.en)).size).toBe(rows.length);
  });

  it('never uses one spelling for two rows', () => {
    const spellings = rows.flatMap((row) => [row.code, row.zh, ...row.aliases]);
    expect(new Set(spellings).size).toBe(spellings.length);
  });

  it('resolves every row by code (any case, padded), zh label and alias', () => {
    for (const row of rows) {
      expect(resolve(row.code)).toBe(row);
      expect(resolve(` ${row.code.toUpperCase()} `)).toBe(row);
      expect(resolve(`\t${row.zh} `)).toBe(row);
      for (const alias of row.aliases) expect(resolve(alias)).toBe(row);
    }
  });

  it.each(['', ' ', 'unknown', '其他类别', 'elderly-care'])('does not resolve %j', (value) => {
    expect(resolve(value)).toBeUndefined();
  });
});

describe('SERVICE_CATEGORIES', () => {
  it('has about 20 categories', () => {
    expect(SERVICE_CATEGORIES.length).toBeGreaterThanOrEqual(18);
    expect(SERVICE_CATEGORIES.length).toBeLessThanOrEqual(24);
  });

  it.each([
    ['ELDERLY_CARE', 'elderly_care'],
    ['敬老助老', 'elderly_care'],
    ['助残', 'disability_support'],
    ['大型活动', 'large_events'],
    ['交通义工', 'traffic'],
    ['治安', 'public_security'],
    ['城管义工', 'city_management'],
    ['环保', 'environmental_protection'],
    ['心理热线', 'hotline_counselling'],
    ['法律援助', 'legal_aid'],
    ['国际交流', 'international_exchange'],
    ['义工培训', 'volunteer_training'],
  ])('resolves %j to %s', (value, code) => {
    expect(resolveCategory(value)?.code).toBe(code);
  });
});

describe('BENEFICIARY_GROUPS', () => {
  it('includes the groups the data contract names', () => {
    const codes = BENEFICIARY_GROUPS.map((group) => group.code);
    for (const code of [
      'elderly',
      'disabled',
      'children',
      'migrant_workers',
      'youth',
      'patients',
      'general_public',
      'event_visitors',
      'low_income',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each([
    ['老人', 'elderly'],
    ['老年人', 'elderly'],
    ['残疾人', 'disabled'],
    ['残障人士', 'disabled'],
    ['儿童', 'children'],
    ['外来务工人员', 'migrant_workers'],
    ['青少年', 'youth'],
    ['患者', 'patients'],
    ['社会公众', 'general_public'],
    ['活动参与者', 'event_visitors'],
    ['展会观众', 'event_visitors'],
    ['困难群众', 'low_income'],
    ['General_Public', 'general_public'],
  ])('resolves %j to %s', (value, code) => {
    expect(resolveBeneficiaryGroup(value)?.code).toBe(code);
  });
});

describe('buildLabelResolver', () => {
  it('refuses a table in which two rows share a spelling', () => {
    expect(() =>
      buildLabelResolver([
        { code: 'a', zh: '甲', aliases: ['同'] },
        { code: 'b', zh: '乙', aliases: ['同'] },
      ]),
    ).toThrow(/同/);
  });

  it('refuses a code that differs from another only by case', () => {
    expect(() =>
      buildLabelResolver([
        { code: 'a', zh: '甲', aliases: [] },
        { code: 'A', zh: '乙', aliases: [] },
      ]),
    ).toThrow();
  });
});
