/**
 * Files a function reads at run time beside its code: the SQL folders. The loaders
 * (`pipeline/aggregate/sql-templates.ts`, `pipeline/reports/report-sql.ts`) resolve
 * `new URL('./sql/…', import.meta.url)`; in a bundle `import.meta.url` is the bundle's own
 * `index.mjs`, so each folder is copied to `sql/` beside it and the same code reads the same
 * files locally (from the source tree) and in Lambda (from the bundle).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FunctionName } from './function-entries.ts';

/** Folder beside the bundle's `index.mjs` that the SQL loaders read. */
export const BUNDLE_SQL_DIR = 'sql';

/** Each SQL loader module (repository path) and the folder it reads (repository path). */
export const SQL_LOADERS: Readonly<Record<string, string>> = {
  'pipeline/aggregate/sql-templates.ts': 'pipeline/aggregate/sql',
  'pipeline/reports/report-sql.ts': 'pipeline/reports/sql',
};

/** The SQL folders each function's bundle carries (the loaders its code reaches). */
export const FUNCTION_SQL_DIRS: Readonly<Record<FunctionName, readonly string[]>> = {
  ingest: [],
  'ingest-chunk': [],
  'upload-api': [],
  aggregate: ['pipeline/aggregate/sql'],
  'dashboard-export': [],
  report: ['pipeline/reports/sql'],
  'dashboard-sign-in': [],
};

/** Relative paths of every file under a folder (sorted, `/` separated). */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function quoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Shell commands (NodejsFunction `commandHooks.afterBundling`) that copy a function's SQL
 * folders into `sql/` of the bundle. Throws when two folders would write the same file.
 *
 * @example
 * sqlAssetCommands('aggregate', '/repo', '/tmp/out', '/repo');
 * // ["mkdir -p '/tmp/out/sql'", "cp -R '/repo/pipeline/aggregate/sql/.' '/tmp/out/sql/'"]
 */
export function sqlAssetCommands(name: FunctionName, inputDir: string, outputDir: string, repoRoot: string): string[] {
  const dirs = FUNCTION_SQL_DIRS[name];
  if (dirs.length === 0) return [];
  const owner = new Map<string, string>();
  for (const dir of dirs)
    for (const file of filesUnder(path.join(repoRoot, dir))) {
      const other = owner.get(file);
      if (other !== undefined) throw new Error(`bundle of ${name}: ${dir}/${file} and ${other}/${file} both go to sql/${file}`);
      owner.set(file, dir);
    }
  const target = path.posix.join(outputDir, BUNDLE_SQL_DIR);
  return [
    `mkdir -p ${quoted(target)}`,
    ...dirs.map((dir) => `cp -R ${quoted(`${path.posix.join(inputDir, dir)}/.`)} ${quoted(`${target}/`)}`),
  ];
}
