/**
 * Promotion: a completed batch's staged files move under `curated/`, so queries see the whole
 * batch or none of it; a failed batch's staging is dropped.
 */
import pLimit from 'p-limit';
import { BlobNotFoundError, type BlobStore } from '../../adapters/ports.ts';
import { curatedKeyOfStaged, stagingPrefix } from './lake-layout.ts';

/**
 * Moves in flight at once: a batch stages a few files per partition and lane (hundreds for a
 * million rows), and each move is a rename locally but a copy and a delete on S3.
 */
const MOVES_IN_FLIGHT = 16;

/**
 * Moves every staged file of a batch to its curated key; returns the curated keys. Safe to
 * repeat: files already moved are simply no longer staged.
 *
 * @example
 * await promoteBatch(lake, 'b1'); // ['curated/service_records_versions/year=2026/…/b1-0-0000.parquet']
 */
export async function promoteBatch(store: BlobStore, batchId: string): Promise<string[]> {
  const staged = await store.list(stagingPrefix(batchId));
  const limit = pLimit(MOVES_IN_FLIGHT);
  return Promise.all(
    staged.map((entry) =>
      limit(async () => {
        const target = curatedKeyOfStaged(batchId, entry.key);
        try {
          await store.move(entry.key, target);
        } catch (error) {
          // Another finisher of the same batch moved it first.
          if (!(error instanceof BlobNotFoundError)) throw error;
        }
        return target;
      }),
    ),
  );
}

/**
 * Deletes a batch's staged files (a failed batch, or the start of a retry).
 *
 * @example
 * await discardStaging(lake, 'b1');
 */
export async function discardStaging(store: BlobStore, batchId: string): Promise<void> {
  await store.deletePrefix(stagingPrefix(batchId));
}
