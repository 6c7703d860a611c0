/**
 * How a chunk worker thread is started. Run from source (TypeScript under tsx), the worker
 * module is bundled with esbuild into plain JavaScript beside the repo's `node_modules` (zod
 * and the Parquet writer inside, other packages external), so each thread starts without the
 * TypeScript loader: measured, two workers booted in about 1.3 s under tsx against about 0.3 s
 * bundled. When bundling is not possible the thread registers tsx itself, as before.
 *
 * The bundle is split at dynamic `import()`s, so adapters a worker does not use stay unloaded
 * (a single-file bundle hoists their AWS SDK imports to its top: measured, about 0.4 s of
 * module loading per worker for a worker writing to the filesystem and memory). Its files
 * go into a folder named after their content, so processes bundling at once agree. The build
 * is remembered by its inputs (bundle-manifest.ts): a process whose sources are unchanged
 * reuses it in ~10 ms instead of bundling for 0.1–0.3 s before its first worker can start.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBundle, inputsDigest, rememberBundle } from './bundle-manifest.ts';

/** A worker's entry: a module file, or code evaluated in the thread. */
export interface WorkerEntry {
  filename: string;
  eval: boolean;
  /** Node options for the thread: the process's, without its module hooks (see {@link workerExecArgv}). */
  execArgv: string[];
  /** How it was had: a remembered bundle, a fresh one, or the TypeScript loader in the thread. */
  from: 'remembered bundle' | 'new bundle' | 'tsx';
}

let cached: WorkerEntry | undefined;

/**
 * The entry of chunk workers (bundled on first use, then reused by the process).
 *
 * @example
 * const { filename, eval: isEval } = chunkWorkerEntry();
 * new Worker(filename, { eval: isEval, workerData });
 */
export function chunkWorkerEntry(): WorkerEntry {
  cached ??= { ...(bundled() ?? viaTsx()), execArgv: workerExecArgv(process.execArgv) };
  return cached;
}

/** An entry before its Node options are chosen. */
type EntryFile = Omit<WorkerEntry, 'execArgv'>;

/** Options a worker keeps from its process: valid in a thread, and about diagnostics or resolution. */
const THREAD_OPTIONS: ReadonlySet<string> = new Set([
  '--enable-source-maps',
  '--no-warnings',
  '--no-deprecation',
  '--trace-warnings',
  '--trace-uncaught',
  '--unhandled-rejections',
]);
/** Of those, the ones whose value may follow as the next argument. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['--conditions', '-C']);

/**
 * The Node options a worker thread gets: those of the process that are about diagnostics or
 * module resolution, nothing else. A worker inherits every option of its process by default,
 * so under `node --import tsx` each thread started tsx and its loader thread again, though the
 * bundle is plain JavaScript (and the tsx entry registers tsx itself): measured, two workers
 * booted on ~0.7 s of CPU, ~0.3 s without. It is a list of what to keep, not of what to drop,
 * because a worker given a V8 or process option explicitly (`--max-old-space-size`, `--title`)
 * fails to start.
 *
 * @example
 * workerExecArgv(['--import', 'tsx', '--max-old-space-size=512', '--enable-source-maps']); // ['--enable-source-maps']
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i]!;
    const name = option.split('=', 1)[0]!;
    if (VALUE_OPTIONS.has(name)) {
      if (name === option && i + 1 < execArgv.length) kept.push(option, execArgv[++i]!);
      else kept.push(option);
    } else if (THREAD_OPTIONS.has(name)) kept.push(option);
  }
  return kept;
}

function viaTsx(): EntryFile {
  const entry = new URL('./chunk-worker.ts', import.meta.url).href;
  return {
    filename: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
    eval: true,
    from: 'tsx',
  };
}

/**
 * Packages bundled into the worker rather than loaded from `node_modules` by each thread: pure
 * ESM, on every chunk's path (zod alone is ~60 modules to resolve; measured, two workers boot
 * in ~0.29 s with them inside against ~0.37 s). Every other dependency stays external, the AWS
 * SDK above all (loaded only by the adapters that need it).
 */
const BUNDLED_PACKAGES: ReadonlySet<string> = new Set(['zod', 'hyparquet', 'hyparquet-writer']);

/** The repo's package.json: its dependencies are the bundle's externals. */
const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

/** The remembered bundle (see bundle-manifest.ts), beside the bundle folders. */
const MANIFEST = 'manifest.chunk-worker.json';

function bundled(): EntryFile | undefined {
  const source = fileURLToPath(new URL('./chunk-worker.ts', import.meta.url));
  if (!fs.existsSync(source)) return undefined;
  const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/redvest/', import.meta.url));
  const manifestFile = path.join(cacheDir, MANIFEST);
  const current = currentBundle(manifestFile, source, 'chunk-worker.mjs');
  if (current !== undefined) {
    // Fresh again, so that another process's pruning of day-old bundles spares it.
    touch(current);
    return { filename: path.join(current, 'chunk-worker.mjs'), eval: false, from: 'remembered bundle' };
  }
  try {
    const esbuild = requireEsbuild();
    if (!esbuild) return undefined;
    const result = esbuild.buildSync({
      entryPoints: { 'chunk-worker': source },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: externalPackages(),
      outdir: cacheDir,
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const digest = createHash('sha256');
    for (const file of result.outputFiles) digest.update(path.relative(cacheDir, file.path)).update(file.contents);
    const folder = path.join(cacheDir, `chunk-worker-${digest.digest('hex').slice(0, 16)}`);
    if (!fs.existsSync(path.join(folder, 'chunk-worker.mjs'))) {
      // Written aside, then renamed into place: another process bundling the same code at
      // once either wins the rename (and its identical folder is used) or loses it harmlessly.
      const temporary = `${folder}.${randomBytes(6).toString('hex')}`;
      for (const file of result.outputFiles) {
        const target = path.join(temporary, path.relative(cacheDir, file.path));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.contents);
      }
      try {
        fs.renameSync(temporary, folder);
      } catch {
        fs.rmSync(temporary, { recursive: true, force: true });
      }
      pruneOtherBundles(cacheDir, folder);
    }
    // This module and package.json are inputs too: they decide the options and the externals.
    const inputs = [
      fileURLToPath(import.meta.url),
      fileURLToPath(PACKAGE_JSON),
      ...Object.keys(result.metafile.inputs).map((input) => path.resolve(input)),
    ];
    try {
      rememberBundle(manifestFile, { source, folder, inputs, digest: inputsDigest(inputs) });
    } catch {
      // Not remembered: the next process builds again.
    }
    return { filename: path.join(folder, 'chunk-worker.mjs'), eval: false, from: 'new bundle' };
  } catch {
    return undefined;
  }
}

/** Every dependency in package.json but {@link BUNDLED_PACKAGES}, with its subpaths. */
function externalPackages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(fileURLToPath(PACKAGE_JSON), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {})
    .filter((name) => !BUNDLED_PACKAGES.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

function touch(folder: string): void {
  const now = new Date();
  try {
    fs.utimesSync(folder, now, now);
  } catch {
    // Best effort.
  }
}

/** Bundle folders older than a day (of code since changed) are removed, best effort. */
function pruneOtherBundles(cacheDir: string, keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of fs.readdirSync(cacheDir)) {
    const folder = path.join(cacheDir, name);
    if (!name.startsWith('chunk-worker') || folder === keep) continue;
    try {
      if (fs.statSync(folder).mtimeMs < dayAgo) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** esbuild when installed, else undefined (then workers load through tsx). */
function requireEsbuild(): typeof import('esbuild') | undefined {
  try {
    return createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  } catch {
    return undefined;
  }
}
