/**
 * Content hashes of uploaded batch files, read from the batch manifests in the OpsStore
 * (`BATCH#{id}` / `MANIFEST`). A batch without a manifest or without a recorded hash is left
 * out, and its report entry says `file_sha256: null` (its `rows_sha256` still pins its records).
 */
import type { Item, OpsStore } from '../../adapters/ports.ts';
import { batchPk, MANIFEST_SK } from '../ingest/ops-keys.ts';

/** The manifest attribute holding the sha256 of the uploaded file (`BatchManifest.content_hash`). */
const HASH_ATTRIBUTES = ['content_hash'] as const;

function hashOf(item: Item): string | undefined {
  for (const attribute of HASH_ATTRIBUTES) {
    const value = item[attribute];
    if (typeof value === 'string' && value !== '') return value.replace(/^sha256:/, '').toLowerCase();
  }
  return undefined;
}

/**
 * A lookup of batch file hashes over the OpsStore, for {@link ReportSources.batchFileHashes}.
 *
 * @example
 * const hashes = await opsBatchFileHashes(runtime.ops)(['b-1', 'b-2']);
 * hashes.get('b-1'); // 'e3b0c442…'
 */
export function opsBatchFileHashes(ops: OpsStore): (batchIds: string[]) => Promise<Map<string, string>> {
  return async (batchIds) => {
    const hashes = new Map<string, string>();
    for (let start = 0; start < batchIds.length; start += 100) {
      const keys = batchIds.slice(start, start + 100).map((id) => ({ pk: batchPk(id), sk: MANIFEST_SK }));
      for (const item of await ops.batchGet(keys)) {
        const hash = hashOf(item);
        const id = String(item.pk).slice('BATCH#'.length);
        if (hash) hashes.set(id, hash);
      }
    }
    return hashes;
  };
}
