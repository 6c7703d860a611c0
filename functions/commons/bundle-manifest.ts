/**
 * A bundle remembered by its inputs: the files that went into a build and a digest of their
 * contents, so that a later process reuses the bundle without running the bundler while none
 * of them changed (reading and hashing them takes milliseconds, a build a few hundred). A file
 * can only join the inputs through an import in one of them, so any change that could alter
 * the bundle changes the digest.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What is remembered of a build. */
export interface BundleManifest {
  /** The entry point built (a manifest shared by two checkouts is only trusted by its own). */
  source: string;
  /** Folder holding the bundle's files. */
  folder: string;
  /** Absolute paths of every input file, in a fixed order. */
  inputs: string[];
  /** {@link inputsDigest} of `inputs` when the bundle was built. */
  digest: string;
}

/**
 * SHA-256 over each input's path and contents. Throws when an input cannot be read.
 *
 * @example
 * inputsDigest(['/repo/functions/commons/chunk-worker.ts']); // 64 hex digits
 */
export function inputsDigest(inputs: readonly string[]): string {
  const digest = createHash('sha256');
  for (const file of inputs) digest.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
  return digest.digest('hex');
}

/**
 * The remembered bundle's folder when `manifestFile` exists, was built from `source`, names a
 * folder holding `entry`, and its inputs are unchanged; otherwise undefined (build again).
 *
 * @example
 * currentBundle(manifestFile, '/repo/functions/commons/chunk-worker.ts', 'chunk-worker.mjs'); // '/repo/…/chunk-worker-3f…'
 */
export function currentBundle(manifestFile: string, source: string, entry: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BundleManifest;
    if (manifest.source !== source || !fs.existsSync(path.join(manifest.folder, entry))) return undefined;
    return inputsDigest(manifest.inputs) === manifest.digest ? manifest.folder : undefined;
  } catch {
    // Missing, unreadable or naming an input that is gone: build again.
    return undefined;
  }
}

/**
 * Writes a manifest, replacing any earlier one in one rename (a process reading it meanwhile
 * sees the old or the new one whole).
 *
 * @example
 * rememberBundle(manifestFile, { source, folder, inputs, digest: inputsDigest(inputs) });
 */
export function rememberBundle(manifestFile: string, manifest: BundleManifest): void {
  const temporary = `${manifestFile}.${randomBytes(6).toString('hex')}`;
  fs.writeFileSync(temporary, JSON.stringify(manifest));
  fs.renameSync(temporary, manifestFile);
}
