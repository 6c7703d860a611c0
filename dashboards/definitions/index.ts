/** Dashboard definitions: pages, panels and metrics, shared by the data export and the site. */
export { METRICS, VOLUNTEER_COUNT_METRICS } from './metrics.ts';
export { OVERVIEW, PAGES, PARTICIPATION, PROJECTS, PURCHASE, pageById, QUALITY } from './pages.ts';
export type * from './types.ts';
