/** Reference data of the federation: reporting districts, their streets, service categories and beneficiary groups. */
export { BENEFICIARY_GROUPS, type BeneficiaryGroup, resolveBeneficiaryGroup } from './beneficiary-groups.ts';
export { type Category, resolveCategory, SERVICE_CATEGORIES } from './categories.ts';
export { CITY, DISTRICTS, type District, resolveDistrict } from './districts.ts';
export { STREETS, type Street, streetByCode, streetsOf } from './streets.ts';
