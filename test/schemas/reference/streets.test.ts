import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../../schemas/reference/districts.ts';
import { STREETS, streetByCode, streetsOf } from '../../../schemas/reference/streets.ts';

const DAPENG_STREETS = ['440307009', '440307010', '440307011'];
const SHENSHAN_TOWNS = ['441521102', '441521103', '441521104', '441521105'];

describe('STREETS', () => {
  it('holds 74 streets, 5 special units and 4 Shenshan towns: 83 rows', () => {
    const countOf = (kind: string) => STREETS.filter((street) => street.kind === kind).length;
    expect(countOf('street')).toBe(74);
    expect(countOf('special_unit')).toBe(5);
    expect(countOf('town')).toBe(4);
    expect(STREETS).toHaveLength(83);
  });

  it('has unique 9-digit codes, ordered', () => {
    const codes = STREETS.map((street) => street.code);
    for (const code of codes) expect(code).toMatch(/^\d{9}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('names streets 街道, towns 镇, and special units neither', () => {
    for (const street of STREETS) {
      if (street.kind === 'street') expect(street.zh).toMatch(/街道$/);
      else if (street.kind === 'town') expect(street.zh).toMatch(/镇$/);
      else expect(street.zh).not.toMatch(/(街道|镇)$/);
    }
  });

  it('assigns every street to an existing district', () => {
    const slugs = new Set(DISTRICTS.map((district) => district.slug));
    for (const street of STREETS) expect(slugs, street.code).toContain(street.district);
  });

  it('gives every district at least one street', () => {
    for (const district of DISTRICTS) expect(streetsOf(district.slug).length, district.slug).toBeGreaterThan(0);
  });

  it('uses the code prefix of its district for every street of an administrative district', () => {
    for (const district of DISTRICTS) {
      if (district.code === null) continue;
      for (const street of streetsOf(district.slug)) expect(street.code.slice(0, 6)).toBe(district.code);
    }
  });

  it('gives 葵涌, 大鹏 and 南澳 to dapeng, not longgang', () => {
    expect(streetsOf('dapeng').map((street) => street.code)).toEqual(DAPENG_STREETS);
    expect(streetsOf('dapeng').map((street) => street.zh)).toEqual(['葵涌街道', '大鹏街道', '南澳街道']);
    const longgang = streetsOf('longgang').map((street) => street.code);
    for (const code of DAPENG_STREETS) expect(longgang).not.toContain(code);
    expect(longgang).toHaveLength(11);
  });

  it('gives the four towns 441521102–105 to shenshan', () => {
    expect(streetsOf('shenshan').map((street) => street.code)).toEqual(SHENSHAN_TOWNS);
    expect(new Set(streetsOf('shenshan').map((street) => street.zh))).toEqual(new Set(['鹅埠镇', '小漠镇', '鲘门镇', '赤石镇']));
  });

  it('counts the streets per district as published', () => {
    const counts = Object.fromEntries(DISTRICTS.map((district) => [district.slug, streetsOf(district.slug).length]));
    expect(counts).toEqual({
      luohu: 10,
      futian: 11,
      nanshan: 9,
      baoan: 11,
      longgang: 11,
      yantian: 5,
      longhua: 6,
      pingshan: 7,
      guangming: 6,
      dapeng: 3,
      shenshan: 4,
    });
  });
});

describe('streetByCode', () => {
  it('finds a street by code, ignoring surrounding whitespace', () => {
    expect(streetByCode('440304001')).toMatchObject({ zh: '南园街道', district: 'futian', kind: 'street' });
    expect(streetByCode(' 440305400 ')).toMatchObject({ zh: '前海合作区', district: 'nanshan', kind: 'special_unit' });
    expect(streetByCode('440307010')?.district).toBe('dapeng');
    expect(streetByCode('441521103')).toMatchObject({ zh: '鹅埠镇', district: 'shenshan', kind: 'town' });
  });

  it.each(['', '440304', '440304003', '4403040010', '440399001', '441521101', '441521106'])('finds nothing for %j', (code) => {
    expect(streetByCode(code)).toBeUndefined();
  });

  it('returns the same row STREETS holds', () => {
    for (const street of STREETS) expect(streetByCode(street.code)).toBe(street);
  });
});

describe('streetsOf', () => {
  it('returns an empty list for an unknown district', () => {
    expect(streetsOf('nowhere')).toEqual([]);
    expect(streetsOf('city')).toEqual([]);
  });

  it('partitions STREETS across the districts', () => {
    const total = DISTRICTS.reduce((sum, district) => sum + streetsOf(district.slug).length, 0);
    expect(total).toBe(STREETS.length);
  });
});
