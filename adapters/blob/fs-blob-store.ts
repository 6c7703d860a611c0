/**
 * BlobStore on the local filesystem (embedded mode): `file:///abs/dir`.
 *
 * Writes are atomic: a body goes to a hidden temp file in the target folder and is then
 * renamed over the key, so a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BlobEntry, BlobNotFoundError, type BlobStore } from '../ports.ts';
import { assertValidKey, assertValidPrefix, compareKeys } from './blob-key.ts';

const TEMP_MARKER = '.rv-tmp-';

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A BlobStore rooted at a local folder.
 *
 * @example
 * const lake = new FsBlobStore('file:///tmp/rv/lake');
 * await lake.put('curated/a.json', '{}');
 * lake.locationOf('curated/a.json'); // '/tmp/rv/lake/curated/a.json'
 */
export class FsBlobStore implements BlobStore {
  readonly url: string;
  /** Absolute root folder. */
  readonly root: string;

  constructor(url: string) {
    if (!url.startsWith('file://')) throw new Error(`FsBlobStore needs a file:// URL, got "${url}"`);
    this.root = path.resolve(fileURLToPath(url));
    this.url = pathToFileURL(this.root).href;
  }

  locationOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array | string, _contentType?: string): Promise<void> {
    await this.writeAtomically(key, async (tempPath) => {
      await fs.writeFile(tempPath, body);
    });
  }

  async putStream(key: string, body: Readable, _contentType?: string): Promise<void> {
    await this.writeAtomically(key, async (tempPath) => {
      await pipeline(body, createWriteStream(tempPath));
    });
  }

  async get(key: string): Promise<Uint8Array> {
    const body = await this.getOptional(key);
    if (body === undefined) throw new BlobNotFoundError(key);
    return body;
  }

  async getOptional(key: string): Promise<Uint8Array | undefined> {
    try {
      const buffer = await fs.readFile(this.locationOf(key));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const handle = await fs.open(this.locationOf(key), 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new BlobNotFoundError(key);
      }
      return handle.createReadStream();
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.locationOf(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<BlobEntry[]> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const folderKey = slash === -1 ? '' : prefix.slice(0, slash);
    const entries: BlobEntry[] = [];
    await this.walk(folderKey, async (key, fullPath) => {
      if (!key.startsWith(prefix)) return;
      const stat = await fs.stat(fullPath);
      entries.push({ key, size: stat.size });
    });
    return entries.sort((a, b) => compareKeys(a.key, b.key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.locationOf(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertValidPrefix(prefix);
    if (prefix === '' || prefix.endsWith('/')) {
      const folder = prefix === '' ? this.root : path.join(this.root, ...prefix.slice(0, -1).split('/'));
      if (prefix === '') {
        const children = await fs.readdir(folder).catch((error: unknown) => {
          if (isNotFound(error)) return [] as string[];
          throw error;
        });
        await Promise.all(children.map((child) => fs.rm(path.join(folder, child), { recursive: true, force: true })));
      } else {
        await fs.rm(folder, { recursive: true, force: true });
      }
      return;
    }
    for (const entry of await this.list(prefix)) await this.delete(entry.key);
  }

  async move(fromKey: string, toKey: string): Promise<void> {
    const target = this.locationOf(toKey);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.rename(this.locationOf(fromKey), target);
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(fromKey);
      throw error;
    }
  }

  private async writeAtomically(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.locationOf(key);
    const folder = path.dirname(target);
    await fs.mkdir(folder, { recursive: true });
    const tempPath = path.join(folder, `${TEMP_MARKER}${path.basename(target)}.${randomBytes(6).toString('hex')}`);
    try {
      await write(tempPath);
      await fs.rename(tempPath, target);
    } catch (error) {
      await fs.rm(tempPath, { force: true });
      throw error;
    }
  }

  /** Calls `visit` for every file under a folder key (temp files excluded). */
  private async walk(folderKey: string, visit: (key: string, fullPath: string) => Promise<void>): Promise<void> {
    const folder = folderKey === '' ? this.root : path.join(this.root, ...folderKey.split('/'));
    let children: import('node:fs').Dirent[];
    try {
      children = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const child of children) {
      const childKey = folderKey === '' ? child.name : `${folderKey}/${child.name}`;
      if (child.isDirectory()) await this.walk(childKey, visit);
      else if (child.isFile() && !child.name.startsWith(TEMP_MARKER)) await visit(childKey, path.join(folder, child.name));
    }
  }
}
