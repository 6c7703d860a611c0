/**
 * A chunk handed to a queue (cloud fan-out): its consumer spools the upload, reads rows up to
 * the end of its range (remembering natural keys to flag in-file duplicates, exactly as the
 * single-pass coordinator does), processes its own range, records its result on the batch,
 * and, when it is the last chunk to finish, completes the batch.
 */

import type { Dataset } from '../../schemas/dataset.ts';
import { DATASETS } from '../../schemas/datasets/index.ts';
import type { BatchOutcome } from './batch-outcome.ts';
import type { ChunkTask } from './chunk-runner.ts';
import { completeBatch } from './finish-batch.ts';
import { finishDepsOf } from './finish-deps.ts';
import { KeyHashSet, rawNaturalKey } from './in-file-duplicates.ts';
import type { IngestDeps } from './ingest-batch.ts';
import { getManifest, TransitionConflictError } from './manifest.ts';
import { batchPk, chunkSk } from './ops-keys.ts';
import { openUpload } from './parse/open-file.ts';
import { type ChunkResult, type ChunkRow, processChunk } from './process-chunk.ts';
import { spoolUpload } from './spool.ts';

const GROUP_ROWS = 500;

/**
 * Runs one queued chunk; resolves with the batch outcome when this chunk completed the batch,
 * else null.
 *
 * @example
 * const outcome = await runQueuedChunk(deps, JSON.parse(message.body));
 */
export async function runQueuedChunk(deps: IngestDeps, task: ChunkTask): Promise<BatchOutcome | null> {
  const manifest = await getManifest(deps.ops, task.facts.batchId);
  if (manifest?.status !== 'PROCESSING') return null;
  const spooled = await spoolUpload(deps.landing, task.landingKey, deps.settings.limits.maxFileBytes, deps.tmpDir);
  let result: ChunkResult;
  try {
    const dataset = DATASETS[task.facts.dataset] as unknown as Dataset<unknown>;
    const file = await openUpload(spooled.path, task.facts.fileName, dataset, deps.settings.limits);
    const seen = new KeyHashSet(task.endOrdinal);
    async function* groups(): AsyncGenerator<ChunkRow[]> {
      let ordinal = 0;
      let group: ChunkRow[] = [];
      for await (const row of file.rows) {
        if (ordinal >= task.endOrdinal) break;
        const key = rawNaturalKey(task.facts.dataset, row.cells);
        const repeated = key !== undefined && !seen.add(key);
        if (ordinal >= task.firstOrdinal) {
          group.push(repeated ? { ...row, duplicateInFile: true } : row);
          if (group.length >= GROUP_ROWS) {
            yield group;
            group = [];
          }
        }
        ordinal++;
      }
      if (group.length > 0) yield group;
    }
    result = await processChunk(
      { ops: deps.ops, lake: deps.lake, rejects: deps.rejects, volunteerKey: deps.volunteerKey },
      task.facts,
      task.chunk,
      groups(),
    );
  } finally {
    await spooled.dispose();
  }
  await deps.ops.put({ pk: batchPk(task.facts.batchId), sk: chunkSk(task.chunk), result });
  const done = await deps.ops.query({ partition: batchPk(task.facts.batchId), sortPrefix: 'CHUNK#' });
  if (done.length < task.chunks) return null;
  const current = await getManifest(deps.ops, task.facts.batchId);
  if (current?.status !== 'PROCESSING') return null;
  try {
    return await completeBatch(
      finishDepsOf(deps),
      current,
      done.map((item) => item.result as ChunkResult),
    );
  } catch (error) {
    if (error instanceof TransitionConflictError) return null;
    throw error;
  }
}
