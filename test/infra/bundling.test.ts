/**
 * Bundling: every existing `functions/<name>/handler.ts` is wired by the stack; each is bundled
 * with the deployed esbuild settings, imported in a plain Node process, and its zipped size
 * recorded. The ingest bundle stays under 5 MB and carries no DuckDB.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { ESBUILD_TARGET, ESM_REQUIRE_BANNER, EXTERNAL_MODULES } from '../../infra/functions/esbuild-settings.ts';
import { FUNCTION_NAMES, functionEntry, REPO_ROOT } from '../../infra/functions/function-entries.ts';

const MAX_INGEST_ZIP_BYTES = 5 * 1024 * 1024;
// Inside the repository so that externals (@aws-sdk/*, provided by the Lambda runtime) resolve.
const OUT_ROOT = path.join(REPO_ROOT, 'node_modules', '.cache', 'redvest-bundles');

const existing = readdirSync(path.join(REPO_ROOT, 'functions'))
  .filter((name) => existsSync(path.join(REPO_ROOT, 'functions', name, 'handler.ts')))
  .sort();

afterAll(() => rmSync(OUT_ROOT, { recursive: true, force: true }));

describe('function wiring', () => {
  it('wires every handler under functions/ (and nothing that is not a deployed function)', () => {
    const stack = buildApp(new App({ context: { 'redvest:skipBundling': 'true' } }), {});
    const wired = [...stack.functions.values()].map((fn) => fn.entry);
    expect(wired.sort()).toEqual(FUNCTION_NAMES.map(functionEntry).sort());
    const wiredExisting = wired.filter((entry) => existsSync(entry)).sort();
    expect(wiredExisting).toEqual(existing.map((name) => path.join(REPO_ROOT, 'functions', name, 'handler.ts')));
  });
});

describe.each(existing)('bundle of %s', (name) => {
  it('loads in a plain Node process; size recorded', async () => {
    const outdir = path.join(OUT_ROOT, name);
    mkdirSync(outdir, { recursive: true });
    const result = await build({
      entryPoints: [path.join(REPO_ROOT, 'functions', name, 'handler.ts')],
      outfile: path.join(outdir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: ESBUILD_TARGET,
      mainFields: ['module', 'main'],
      minify: true,
      external: [...EXTERNAL_MODULES],
      banner: { js: ESM_REQUIRE_BANNER },
      metafile: true,
      logLevel: 'silent',
    });
    writeFileSync(path.join(outdir, 'package.json'), '{"type":"module"}');
    const exported = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(path.join(outdir, 'index.mjs'))}); console.log(typeof m.handler);`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    ).trim();
    expect(exported).toBe('function');

    execFileSync('zip', ['-q', '-9', '-j', path.join(outdir, 'bundle.zip'), path.join(outdir, 'index.mjs')]);
    const zipped = statSync(path.join(outdir, 'bundle.zip')).size;
    console.info(`bundle ${name}: ${(zipped / 1024).toFixed(0)} KiB zipped`);
    expect(zipped).toBeGreaterThan(0);

    if (name === 'ingest' || name === 'ingest-chunk') {
      expect(zipped).toBeLessThanOrEqual(MAX_INGEST_ZIP_BYTES);
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((input) => input.includes('@duckdb'))).toEqual([]);
      const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
      expect(imports.filter((imported) => imported.includes('duckdb'))).toEqual([]);
    }
  });
});
