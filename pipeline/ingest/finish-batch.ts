/**
 * Ending a batch. COMPLETED: chunk error parts become one errors.csv, staged lake files are
 * promoted, the content lookup is recorded, the manifest carries the counts. FAILED: staging
 * and parts are dropped, nothing is promoted. In every end state the raw upload is deleted
 * from landing.
 */
import { BlobNotFoundError, type BlobStore, ConditionFailedError, type OpsStore } from '../../adapters/ports.ts';
import { discardStaging, promoteBatch } from '../lake/promote.ts';
import { type BatchOutcome, ZERO_COUNTS } from './batch-outcome.ts';
import { errorReportHeader, errorsPartsPrefix, errorsReportKey } from './errors-report.ts';
import type { IngestFileError } from './file-error.ts';
import { type BatchManifest, outcomeOf, transitionBatch } from './manifest.ts';
import { contentPk } from './ops-keys.ts';
import type { ChunkResult } from './process-chunk.ts';

/** Stores a batch ends through. */
export interface FinishDeps {
  ops: OpsStore;
  landing: BlobStore;
  lake: BlobStore;
  rejects: BlobStore;
  now?: () => Date;
}

async function deleteQuietly(store: BlobStore, key: string): Promise<void> {
  try {
    await store.delete(key);
  } catch (error) {
    if (!(error instanceof BlobNotFoundError)) throw error;
  }
}

/** Concatenates the parts (in chunk order) into errors.csv with BOM and header; returns its location. */
async function combineErrorParts(rejects: BlobStore, m: BatchManifest): Promise<string | null> {
  const parts = (await rejects.list(errorsPartsPrefix(m.dataset, m.district, m.batch_id))).map((e) => e.key).sort();
  if (parts.length === 0) return null;
  const key = errorsReportKey(m.dataset, m.district, m.batch_id);
  const { PassThrough } = await import('node:stream');
  const body = new PassThrough();
  const upload = rejects.putStream(key, body, 'text/csv; charset=utf-8');
  body.write(errorReportHeader());
  for (const part of parts) {
    for await (const chunk of await rejects.getStream(part))
      if (!body.write(chunk)) await new Promise((r) => body.once('drain', r));
  }
  body.end();
  await upload;
  await rejects.deletePrefix(errorsPartsPrefix(m.dataset, m.district, m.batch_id));
  return rejects.locationOf(key);
}

/**
 * Completes a processed batch from its chunk results.
 *
 * @example
 * const outcome = await completeBatch(deps, manifest, results);
 */
export async function completeBatch(deps: FinishDeps, m: BatchManifest, results: ChunkResult[]): Promise<BatchOutcome> {
  const counts = { ...ZERO_COUNTS };
  const months = new Set<string>();
  for (const r of results) {
    counts.received += r.received;
    counts.accepted += r.accepted;
    counts.rejected += r.rejected;
    counts.duplicates += r.duplicates;
    counts.corrections += r.corrections;
    for (const month of r.months) months.add(month);
  }
  const errorsReport = await combineErrorParts(deps.rejects, m);
  await promoteBatch(deps.lake, m.batch_id);
  if (m.content_hash) {
    try {
      await deps.ops.put(
        { pk: contentPk(m.dataset, m.district, m.content_hash), sk: 'CONTENT', batch_id: m.batch_id },
        { kind: 'notExists' },
      );
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
  const done = await transitionBatch(
    deps.ops,
    m,
    'COMPLETED',
    ['PROCESSING'],
    { ...counts, months_touched: [...months].sort(), errors_report: errorsReport },
    deps.now?.(),
  );
  await deleteQuietly(deps.landing, m.landing_key);
  return outcomeOf(done);
}

/**
 * Fails a batch for a file-level reason: nothing of it stays in the lake or rejects.
 *
 * @example
 * return failBatch(deps, manifest, new IngestFileError('TOO_MANY_ROWS'));
 */
export async function failBatch(deps: FinishDeps, m: BatchManifest, error: IngestFileError): Promise<BatchOutcome> {
  await discardStaging(deps.lake, m.batch_id);
  await deps.rejects.deletePrefix(errorsPartsPrefix(m.dataset, m.district, m.batch_id));
  const failed = await transitionBatch(
    deps.ops,
    m,
    'FAILED',
    ['RECEIVED', 'PROCESSING'],
    { ...ZERO_COUNTS, failure: error.toFailure(), months_touched: [], errors_report: null },
    deps.now?.(),
  );
  await deleteQuietly(deps.landing, m.landing_key);
  return outcomeOf(failed);
}

/**
 * Ends a byte-identical re-upload of a completed batch as DUPLICATE: nothing written.
 *
 * @example
 * return duplicateBatch(deps, manifest, 'b-earlier');
 */
export async function duplicateBatch(deps: FinishDeps, m: BatchManifest, of: string): Promise<BatchOutcome> {
  const dup = await transitionBatch(
    deps.ops,
    m,
    'DUPLICATE',
    ['RECEIVED', 'PROCESSING'],
    { ...ZERO_COUNTS, duplicate_of: of },
    deps.now?.(),
  );
  await deleteQuietly(deps.landing, m.landing_key);
  return outcomeOf(dup);
}
