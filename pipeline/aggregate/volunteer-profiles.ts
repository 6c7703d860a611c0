/**
 * Volunteer profiles (what a 义工服务证 lookup shows): cumulative approved hours, star level,
 * first and last approved service. The job writes each run's profiles as Parquet beside the
 * aggregates and puts into the OpsStore only the profiles that differ from the previous run's.
 */
import { z } from 'zod';
import type { Item, OpsStore, QueryEngine } from '../../adapters/ports.ts';
import { col, defineTable } from '../../schemas/contract.ts';
import type { LakeIo } from './lake-io.ts';

/** The profiles a run computes (one row per person with approved service). */
export const PROFILES_TABLE = defineTable(
  'volunteer_profiles',
  '义工档案',
  'Volunteer profiles',
  z.object({
    volunteer_key: col.string('义工标识', 'Person key'),
    cumulative_hours: col.decimal(18, 2, '累计服务时长', 'Cumulative approved hours'),
    star: col.int('星级', 'Star level 0–5 as of the run'),
    first_service_date: col.date('首次服务日期', 'First approved service'),
    last_service_date: col.date('最近服务日期', 'Last approved service'),
  }),
  [],
);

/** A profile as stored and printed. */
export interface VolunteerProfile {
  volunteer_key: string;
  cumulative_hours: number;
  star: number;
  first_service_date: string;
  last_service_date: string;
  /** The run that last changed it. */
  run_id: string;
}

const PROFILE_SK = 'PROFILE';

/** Partition key of a volunteer's profile item. */
export function profilePk(volunteerKey: string): string {
  return `VOLUNTEER#${volunteerKey}`;
}

function itemOf(row: Record<string, unknown>, runId: string): Item {
  return {
    pk: profilePk(String(row.volunteer_key)),
    sk: PROFILE_SK,
    kind: 'volunteer_profile',
    volunteer_key: String(row.volunteer_key),
    cumulative_hours: Number(row.cumulative_hours),
    star: Number(row.star),
    first_service_date: String(row.first_service_date),
    last_service_date: String(row.last_service_date),
    run_id: runId,
  };
}

/**
 * Puts the profiles that changed between two runs' profile outputs (all of them when there is
 * no previous output) and deletes those that disappeared. Returns the number of puts.
 *
 * @example
 * await writeChangedProfiles(engine, io, ops, 'aggregates/runs/r2/volunteer_profiles/', 'aggregates/runs/r1/volunteer_profiles/', 'r2');
 */
export async function writeChangedProfiles(
  engine: QueryEngine,
  io: LakeIo,
  ops: OpsStore,
  currentPrefix: string,
  previousPrefix: string | undefined,
  runId: string,
): Promise<number> {
  const current = (await io.outputs(PROFILES_TABLE, [currentPrefix])).relation;
  const previous = (await io.outputs(PROFILES_TABLE, previousPrefix ? [previousPrefix] : [])).relation;
  const columns = 'volunteer_key, cumulative_hours, star, first_service_date, last_service_date';
  const changed = await engine.query(`SELECT ${columns} FROM ${current} AS c EXCEPT SELECT ${columns} FROM ${previous} AS p`);
  const gone = await engine.query(`SELECT volunteer_key FROM ${previous} AS p EXCEPT SELECT volunteer_key FROM ${current} AS c`);
  if (changed.length > 0) await ops.batchPut(changed.map((row) => itemOf(row, runId)));
  for (const row of gone) await ops.delete(profilePk(String(row.volunteer_key)), PROFILE_SK);
  return changed.length;
}

/**
 * Reads one volunteer's profile.
 *
 * @example
 * await readVolunteerProfile(runtime.ops, keyer.keyOf('44030419900101001X'));
 */
export async function readVolunteerProfile(ops: OpsStore, volunteerKey: string): Promise<VolunteerProfile | undefined> {
  const item = await ops.get(profilePk(volunteerKey), PROFILE_SK);
  if (!item) return undefined;
  return {
    volunteer_key: String(item.volunteer_key),
    cumulative_hours: Number(item.cumulative_hours),
    star: Number(item.star),
    first_service_date: String(item.first_service_date),
    last_service_date: String(item.last_service_date),
    run_id: String(item.run_id),
  };
}
