/**
 * Every lake table by name: the curated version tables of the datasets and the aggregate
 * tables. Glue tables, DuckDB views and Parquet writers all start from here.
 */

import {
  aggDataQuality,
  aggParticipation,
  aggProjectOutcomes,
  aggPurchaseBreakdown,
  aggPurchaseDelivery,
  aggStarLevels,
} from './aggregates/index.ts';
import { intVolunteerMonth } from './aggregates/int-volunteer-month.ts';
import type { TableDef } from './contract.ts';
import { DATASETS } from './datasets/index.ts';

/** Curated tables (every version of every record), one per dataset. */
export const CURATED_TABLES: Record<string, TableDef> = Object.fromEntries(
  Object.values(DATASETS).map((d) => [d.table.name, d.table]),
);

/** Aggregate tables. */
export const AGGREGATE_TABLES: Record<string, TableDef> = Object.fromEntries(
  [aggParticipation, aggProjectOutcomes, aggPurchaseDelivery, aggPurchaseBreakdown, aggStarLevels, aggDataQuality].map((t) => [
    t.name,
    t,
  ]),
);

/** Intermediate tables of the aggregation job (recomputed per touched month). */
export const INTERMEDIATE_TABLES: Record<string, TableDef> = { [intVolunteerMonth.name]: intVolunteerMonth };

/** Every lake table by name. */
export const LAKE_TABLES: Record<string, TableDef> = { ...CURATED_TABLES, ...AGGREGATE_TABLES, ...INTERMEDIATE_TABLES };
