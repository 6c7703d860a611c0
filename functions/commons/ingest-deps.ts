/**
 * Ingest's dependencies from a runtime: the stores, the ops store, the volunteer key and
 * today's date from the configuration.
 */
import { todayInShanghai } from '../../adapters/config.ts';
import type { Runtime } from '../../adapters/runtime.ts';
import type { ChunkRunner } from '../../pipeline/ingest/chunk-runner.ts';
import type { IngestDeps, IngestLog } from '../../pipeline/ingest/ingest-batch.ts';

/**
 * Builds {@link IngestDeps} over a runtime.
 *
 * @example
 * const deps = await ingestDepsOf(runtime, { log: logger });
 */
export async function ingestDepsOf(
  runtime: Runtime,
  options: { log?: IngestLog; chunkRunner?: ChunkRunner; onProgress?: IngestDeps['onProgress']; volunteerKey?: Uint8Array } = {},
): Promise<IngestDeps> {
  const { loadVolunteerKey } = await import('../../adapters/secrets/volunteer-key.ts');
  return {
    settings: { limits: runtime.config.limits, today: todayInShanghai(runtime.config) },
    landing: runtime.stores.landing,
    lake: runtime.stores.lake,
    rejects: runtime.stores.rejects,
    ops: runtime.ops,
    volunteerKey: options.volunteerKey ?? (await loadVolunteerKey(runtime.config)),
    chunkRunner: options.chunkRunner,
    log: options.log,
    onProgress: options.onProgress,
  };
}
