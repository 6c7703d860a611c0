/** Dashboard data export: aggregate tables → compact JSON per page and period. */
export { type ExportDashboardDataOptions, exportDashboardData } from './export-dashboard-data.ts';
export type * from './payloads.ts';
export { PARTICIPATION_COLUMNS } from './payloads.ts';
export { monthsOf, periodTypeOf, previousPeriod } from './periods.ts';
