/** The aggregate tables: a contract with dashboards, reports and users' own queries. */
export { aggDataQuality } from './agg-data-quality.ts';
export { aggParticipation } from './agg-participation.ts';
export { aggProjectOutcomes } from './agg-project-outcomes.ts';
export { aggPurchaseBreakdown } from './agg-purchase-breakdown.ts';
export { aggPurchaseDelivery } from './agg-purchase-delivery.ts';
export { aggStarLevels } from './agg-star-levels.ts';
export { ALL } from './dimensions.ts';
