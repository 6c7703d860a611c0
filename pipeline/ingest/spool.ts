/**
 * Makes an upload readable as a local file: copies it from the landing store to a private
 * temporary file, hashing it (SHA-256 of the bytes: the content identity of a batch) and
 * enforcing the size limit on the way. A landing store on the local filesystem is read in
 * place instead (hashed, not copied: no second copy of raw data, and no writing of the whole
 * upload before pass 1 can start).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
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
  const location = store.locationOf(key);
  if (path.isAbsolute(location)) return inPlace(location, maxBytes, onBytes);
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

/** {@link spoolUpload} of a file of the local filesystem: checked and hashed where it is. */
async function inPlace(file: string, maxBytes: number, onBytes?: (spooled: number) => void): Promise<SpooledFile> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IngestFileError('FILE_UNREADABLE', 'upload not found');
    throw error;
  }
  if (size > maxBytes) throw new IngestFileError('FILE_TOO_LARGE', `> ${maxBytes} bytes`);
  onBytes?.(size);
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    read += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  // The bytes hashed are the bytes the passes read: a file that changed meanwhile is refused.
  if (read !== size) throw new IngestFileError('FILE_UNREADABLE', 'upload changed while read');
  return { path: file, sha256: hash.digest('hex'), size, dispose: async () => undefined };
}
