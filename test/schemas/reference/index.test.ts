import { describe, expect, it } from 'vitest';
import * as reference from '../../../schemas/reference/index.ts';

describe('schemas/reference index', () => {
  it('re-exports every reference table and resolver', () => {
    expect(Object.keys(reference).sort()).toEqual(
      [
        'BENEFICIARY_GROUPS',
        'CITY',
        'DISTRICTS',
        'SERVICE_CATEGORIES',
        'STREETS',
        'resolveBeneficiaryGroup',
        'resolveCategory',
        'resolveDistrict',
        'streetByCode',
        'streetsOf',
      ].sort(),
    );
    expect(reference.resolveDistrict('福田')?.code).toBe('440304');
  });
});
