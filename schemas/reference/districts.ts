/**
 * The federation's 11 reporting districts: the 9 administrative districts of Shenzhen (4403xx)
 * plus two functional areas that report on their own (大鹏新区 and 深汕特别合作区) but have no
 * administrative division code of their own.
 */

import { freezeAll } from './freeze-all.ts';

/** A reporting district (区义工联). */
export interface District {
  /** ASCII slug used in partitions, claims and file paths, e.g. `futian`. */
  slug: string;
  /** Official 6-digit GB/T 2260 code, or `null` for a functional area without its own code. */
  code: string | null;
  /** Chinese name, e.g. `福田区`. */
  zh: string;
  /** English name, e.g. `Futian`. */
  en: string;
  /** `district` for an administrative district, `functional_area` for 大鹏新区 and 深汕特别合作区. */
  kind: 'district' | 'functional_area';
}

/** Pseudo-district under which federation-level datasets (projects, contracts) are uploaded. */
export const CITY = 'city';

/** The 11 reporting districts, in the federation's reporting order. */
export const DISTRICTS: readonly District[] = freezeAll([
  { slug: 'luohu', code: '440303', zh: '罗湖区', en: 'Luohu', kind: 'district' },
  { slug: 'futian', code: '440304', zh: '福田区', en: 'Futian', kind: 'district' },
  { slug: 'nanshan', code: '440305', zh: '南山区', en: 'Nanshan', kind: 'district' },
  { slug: 'baoan', code: '440306', zh: '宝安区', en: "Bao'an", kind: 'district' },
  { slug: 'longgang', code: '440307', zh: '龙岗区', en: 'Longgang', kind: 'district' },
  { slug: 'yantian', code: '440308', zh: '盐田区', en: 'Yantian', kind: 'district' },
  { slug: 'longhua', code: '440309', zh: '龙华区', en: 'Longhua', kind: 'district' },
  { slug: 'pingshan', code: '440310', zh: '坪山区', en: 'Pingshan', kind: 'district' },
  { slug: 'guangming', code: '440311', zh: '光明区', en: 'Guangming', kind: 'district' },
  { slug: 'dapeng', code: null, zh: '大鹏新区', en: 'Dapeng New District', kind: 'functional_area' },
  {
    slug: 'shenshan',
    code: null,
    zh: '深汕特别合作区',
    en: 'Shenzhen-Shanwei Special Cooperation Zone',
    kind: 'functional_area',
  },
]);

/** Chinese name suffixes that may be omitted when naming a district. */
const ZH_SUFFIXES = ['特别合作区', '新区', '区'] as const;

function stripZhSuffix(zh: string): string {
  const suffix = ZH_SUFFIXES.find((candidate) => zh.endsWith(candidate) && zh.length > candidate.length);
  return suffix === undefined ? zh : zh.slice(0, -suffix.length);
}

/** Every accepted spelling (lower-cased slug, code, zh with and without suffix) → district. */
const DISTRICT_BY_KEY: ReadonlyMap<string, District> = (() => {
  const byKey = new Map<string, District>();
  for (const district of DISTRICTS) {
    byKey.set(district.slug, district);
    if (district.code !== null) byKey.set(district.code, district);
    byKey.set(district.zh, district);
    byKey.set(stripZhSuffix(district.zh), district);
  }
  return byKey;
})();

/**
 * Resolves a district from its slug (case-insensitive), official 6-digit code, or Chinese name
 * with or without its 区 / 新区 / 特别合作区 suffix. Surrounding whitespace is ignored.
 * Returns `undefined` for anything else (including the pseudo-district {@link CITY}).
 *
 * @example
 * resolveDistrict('福田')?.slug;      // 'futian'
 * resolveDistrict('440305')?.slug;    // 'nanshan'
 * resolveDistrict(' DaPeng ')?.slug;  // 'dapeng'
 * resolveDistrict('深汕')?.slug;       // 'shenshan'
 * resolveDistrict('440301');          // undefined
 */
export function resolveDistrict(value: string): District | undefined {
  const trimmed = value.trim();
  return DISTRICT_BY_KEY.get(trimmed) ?? DISTRICT_BY_KEY.get(trimmed.toLowerCase());
}
