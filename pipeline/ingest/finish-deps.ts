/** The stores a batch ends through, taken from ingest's dependencies. */
import type { FinishDeps } from './finish-batch.ts';

/** Picks the {@link FinishDeps} out of a larger dependency object. */
export function finishDepsOf(deps: FinishDeps): FinishDeps {
  return { ops: deps.ops, landing: deps.landing, lake: deps.lake, rejects: deps.rejects, now: deps.now };
}
