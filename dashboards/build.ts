/**
 * Builds the static dashboard site (HTML, one JS bundle with ECharts tree-shaken in, one CSS
 * file) into a BlobStore: the site store, next to the `data/` the export step writes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlobStore } from '../adapters/ports.ts';

const SITE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'site');

/** What {@link buildDashboardSite} wrote. */
export interface SiteBuildSummary {
  /** Keys written, relative to the store (`index.html`, `assets/app-<hash>.js`, …). */
  keys: string[];
  /** Bytes written (uncompressed). */
  bytes: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Bundles `dashboards/site/src/main.ts` with esbuild (minified, content-hashed names) and writes
 * `index.html` plus `assets/*` into the store. Needs the esbuild dev dependency (a build step,
 * never run inside a Lambda).
 *
 * @example
 * const site = openBlobStore(config.stores.site, config);
 * await buildDashboardSite(site); // { keys: ['assets/app-3KQ2.js', 'assets/app-9FZ1.css', 'index.html'], bytes: … }
 */
export async function buildDashboardSite(outStore: BlobStore): Promise<SiteBuildSummary> {
  const { build } = await import('esbuild');
  const outdir = path.join(SITE_DIR, 'dist', 'assets');
  const result = await build({
    entryPoints: [path.join(SITE_DIR, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    entryNames: 'app-[hash]',
    outdir,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const keys: string[] = [];
  let bytes = 0;
  let jsKey: string | undefined;
  let cssKey: string | undefined;
  for (const file of result.outputFiles) {
    const key = `assets/${path.basename(file.path)}`;
    const extension = path.extname(key);
    if (extension === '.js') jsKey = key;
    if (extension === '.css') cssKey = key;
    await outStore.put(key, file.contents, CONTENT_TYPES[extension] ?? 'application/octet-stream');
    keys.push(key);
    bytes += file.contents.byteLength;
  }
  if (jsKey === undefined || cssKey === undefined) throw new Error('dashboard build produced no JS or CSS bundle');
  const template = await readFile(path.join(SITE_DIR, 'index.html'), 'utf8');
  const html = template.replaceAll('%JS%', jsKey).replaceAll('%CSS%', cssKey);
  // index.html goes last: it only ever points at assets that are already in the store.
  await outStore.put('index.html', html, CONTENT_TYPES['.html']);
  keys.push('index.html');
  bytes += Buffer.byteLength(html);
  return { keys, bytes };
}
