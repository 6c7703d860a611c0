import { describe, expect, it } from 'vitest';
import { CITY, DISTRICTS, resolveDistrict } from '../../../schemas/reference/districts.ts';

describe('DISTRICTS', () => {
  it('lists the 11 reporting districts in reporting order', () => {
    expect(DISTRICTS.map((district) => district.slug)).toEqual([
      'luohu',
      'futian',
      'nanshan',
      'baoan',
      'longgang',
      'yantian',
      'longhua',
      'pingshan',
      'guangming',
      'dapeng',
      'shenshan',
    ]);
  });

  it('gives official codes 440303–440311 to the administrative districts and none to the functional areas', () => {
    for (const district of DISTRICTS) {
      if (district.kind === 'district') expect(district.code).toMatch(/^4403(0[3-9]|1[01])$/);
      else expect(district.code).toBeNull();
    }
    expect(DISTRICTS.filter((district) => district.kind === 'functional_area').map((district) => district.slug)).toEqual([
      'dapeng',
      'shenshan',
    ]);
  });

  it('has unique slugs, codes and names, and ASCII slugs', () => {
    const codes = DISTRICTS.flatMap((district) => (district.code === null ? [] : [district.code]));
    expect(new Set(DISTRICTS.map((district) => district.slug)).size).toBe(11);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(DISTRICTS.map((district) => district.zh)).size).toBe(11);
    expect(new Set(DISTRICTS.map((district) => district.en)).size).toBe(11);
    for (const district of DISTRICTS) expect(district.slug).toMatch(/^[a-z]+$/);
  });

  it('does not count the city pseudo-district as a district', () => {
    expect(CITY).toBe('city');
    expect(DISTRICTS.some((district) => district.slug === CITY)).toBe(false);
    expect(resolveDistrict(CITY)).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DISTRICTS)).toBe(true);
    expect(Object.isFrozen(DISTRICTS[0])).toBe(true);
  });
});

describe('resolveDistrict', () => {
  it.each([
    ['futian', 'futian'],
    ['FuTian', 'futian'],
    [' nanshan\t', 'nanshan'],
    ['BAOAN', 'baoan'],
    ['440303', 'luohu'],
    ['440311', 'guangming'],
    [' 440307 ', 'longgang'],
    ['罗湖区', 'luohu'],
    ['罗湖', 'luohu'],
    ['宝安', 'baoan'],
    ['龙华区', 'longhua'],
    ['大鹏新区', 'dapeng'],
    ['大鹏', 'dapeng'],
    ['深汕特别合作区', 'shenshan'],
    ['深汕', 'shenshan'],
    ['dapeng', 'dapeng'],
    ['Shenshan', 'shenshan'],
    [' 坪山区 ', 'pingshan'],
  ])('resolves %j to %s', (value, slug) => {
    expect(resolveDistrict(value)?.slug).toBe(slug);
  });

  it.each([
    '',
    '   ',
    '440300',
    '440301',
    '4403',
    '44030',
    '4403033',
    '441521',
    '区',
    '新区',
    '大鹏区',
    '罗湖新区',
    'Luohu District',
    "bao'an",
    '福田街道',
    '广州',
    'city',
    'all',
  ])('does not resolve %j', (value) => {
    expect(resolveDistrict(value)).toBeUndefined();
  });

  it('resolves every district by its own slug, code and names', () => {
    for (const district of DISTRICTS) {
      expect(resolveDistrict(district.slug)).toBe(district);
      expect(resolveDistrict(district.slug.toUpperCase())).toBe(district);
      expect(resolveDistrict(district.zh)).toBe(district);
      if (district.code !== null) expect(resolveDistrict(district.code)).toBe(district);
    }
  });
});
