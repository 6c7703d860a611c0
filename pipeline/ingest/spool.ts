/**
 * Copies an upload from the landing store to a private temporary file, hashing it (SHA-256 of
 * the bytes: the content identity of a batch) and enforcing the size limit on the way.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, type BlobStore } from '../../adapters/ports.ts';
import { IngestFileError } from './file-error.ts';

/** A spooled upload; `dispose` removes the temporary copy. */
export interface SpooledFile {
  path: string;
  sha256: string;
  size: number;
  dispose(): Promise<void>;
}

/**
 * Spools `key` of `store` into a 0700 temporary folder. Throws `FILE_TOO_LARGE` past
 * `maxBytes` and `FILE_UNREADABLE` when the object does not exist. `onBytes` hears the bytes
 * spooled so far after each block (a caller can start work that a large file needs early).
 *
 * @example
 * const file = await spoolUpload(landing, key, 200 * 1024 * 1024);
 * try { … } finally { await file.dispose(); }
 */
export async function spoolUpload(
  store: BlobStore,
  key: string,
  maxBytes: number,
  tmpRoot = os.tmpdir(),
  onBytes?: (spooled: number) => void,
): Promise<SpooledFile> {
  const dir = await fs.mkdtemp(path.join(tmpRoot, 'redvest-ingest-'));
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'upload');
  const hash = createHash('sha256');
  let size = 0;
  try {
    let source: import('node:stream').Readable;
    try {
      source = await store.getStream(key);
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw new IngestFileError('FILE_UNREADABLE', 'upload not found');
      throw error;
    }
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(new IngestFileError('FILE_TOO_LARGE', `> ${maxBytes} bytes`));
          return;
        }
        hash.update(chunk);
        onBytes?.(size);
        callback(null, chunk);
      },
    });
    await pipeline(source, meter, createWriteStream(file, { mode: 0o600 }));
    return { path: file, sha256: hash.digest('hex'), size, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
