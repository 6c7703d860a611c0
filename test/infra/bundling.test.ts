/**
 * Bundling: the app is synthesised once with real esbuild bundling (as `npm run synth` does),
 * and every function's deployed asset directory is checked: it loads in a plain Node process,
 * carries the SQL its code reads (the aggregate and report bundles run their handlers from the
 * bundle directory against DuckDB and dynalite), carries no local stand-in (DuckDB, dynalite,
 * s3rver, classic-level), and its zipped size is recorded; the ingest bundles stay under 5 MB.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { App, type CfnResource } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynalite, startDynalite } from '../../adapters/ops/dynalite-server.ts';
import { buildApp } from '../../infra/build-app.ts';
import { BUNDLE_SQL_DIR, FUNCTION_SQL_DIRS, filesUnder, SQL_LOADERS } from '../../infra/functions/bundle-assets.ts';
import { BUNDLED_SDK_PACKAGES } from '../../infra/functions/esbuild-settings.ts';
import { FUNCTION_NAMES, type FunctionName, functionEntry, REPO_ROOT } from '../../infra/functions/function-entries.ts';
import type { RedvestStack } from '../../infra/redvest-stack.ts';

const run = promisify(execFile);
const MAX_INGEST_ZIP_BYTES = 5 * 1024 * 1024;
/** Folders under functions/ that hold shared code, not a function. */
const SHARED_FOLDERS = ['commons'];
/** Packages of the local stand-ins, never in a Lambda bundle. */
const LOCAL_ONLY_PACKAGES = ['@duckdb/', 'dynalite', 's3rver', 'classic-level', 'leveldown', 'memdown'];
// Inside the repository, so that externals (@aws-sdk/*, provided by the Lambda runtime) resolve
// from the bundles as they do in Lambda.
const WORK_ROOT = path.join(REPO_ROOT, 'node_modules', '.cache', 'redvest-bundling-test');

let stack: RedvestStack;
const assetDirs = new Map<FunctionName, string>();
const zippedSizes = new Map<FunctionName, number>();
let dynalite: RunningDynalite;

beforeAll(async () => {
  rmSync(WORK_ROOT, { recursive: true, force: true });
  const outdir = path.join(WORK_ROOT, 'cdk.out');
  mkdirSync(outdir, { recursive: true });
  // Sign-in on, so that every function (dashboard-sign-in included) is bundled.
  const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
  const app = new App({
    outdir,
    context: {
      stage: 'dev',
      'aws:cdk:enable-asset-metadata': true,
      dashboardSignIn: 'true',
      dashboardSignInPublicKey: publicKey.toString().trim(),
    },
  });
  stack = buildApp(app, {});
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Metadata?: Record<string, string> }>;
  };
  for (const name of FUNCTION_NAMES) {
    const fn = stack.functions.get(name);
    if (!fn) continue;
    const logicalId = stack.getLogicalId(fn.fn.node.defaultChild as CfnResource);
    const assetPath = template.Resources[logicalId]?.Metadata?.['aws:asset:path'];
    if (assetPath) assetDirs.set(name, path.join(outdir, assetPath));
  }
  dynalite = await startDynalite();
});

afterAll(async () => {
  await dynalite?.close();
  const rows = [...zippedSizes].map(([name, bytes]) => `  ${name.padEnd(18)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
  console.info(`zipped function bundles (index.mjs, source map, sql/):\n${rows.join('\n')}`);
  rmSync(WORK_ROOT, { recursive: true, force: true });
});

/** Size of a deflate-9 zip of a directory's files (local and central headers counted). */
function zippedSize(dir: string): number {
  let total = 22;
  for (const file of filesUnder(dir)) {
    const compressed = deflateRawSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
    total += compressed + 30 + 46 + 2 * Buffer.byteLength(file);
  }
  return total;
}

/** Environment of a local run: no REDVEST_* or AWS variables of the test process leak in. */
function localEnv(dataDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(REDVEST_|AWS_)/.test(key)));
  return {
    ...env,
    REDVEST_DATA_DIR: dataDir,
    REDVEST_OPS: 'dynalite',
    REDVEST_DYNAMODB_ENDPOINT: dynalite.endpoint,
    REDVEST_ENGINE: 'duckdb',
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

/** Invokes the bundle's handler in a plain Node process whose working directory is the bundle. */
async function invokeBundle(
  name: FunctionName,
  event: object,
  dataDir: string,
): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
  const dir = assetDirs.get(name)!;
  const script = [
    `const { handler } = await import('./index.mjs');`,
    `const context = { functionName: ${JSON.stringify(name)}, awsRequestId: 'bundling-test', getRemainingTimeInMillis: () => 600000 };`,
    `const result = await handler(${JSON.stringify(event)}, context);`,
    `process.stdout.write('\\nRESULT ' + JSON.stringify(result) + '\\n');`,
  ].join('\n');
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      env: localEnv(dataDir),
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    return { ok: true, result: JSON.parse(line!.slice('RESULT '.length)) };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

describe('function wiring', () => {
  it('wires exactly the folders under functions/ that hold a handler; the rest is shared code', () => {
    const folders = readdirSync(path.join(REPO_ROOT, 'functions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const withHandler = folders.filter((name) => existsSync(path.join(REPO_ROOT, 'functions', name, 'handler.ts'))).sort();
    expect(folders.filter((name) => !withHandler.includes(name)).sort()).toEqual([...SHARED_FOLDERS].sort());
    expect([...stack.functions.keys()].sort()).toEqual(withHandler);
    expect([...FUNCTION_NAMES].sort()).toEqual(withHandler);
    for (const [name, fn] of stack.functions) expect(fn.entry).toBe(functionEntry(name as FunctionName));
    expect([...assetDirs.keys()].sort()).toEqual(withHandler);
  });
});

describe.each([...FUNCTION_NAMES])('bundle of %s', (name) => {
  const dir = () => assetDirs.get(name)!;

  it('loads in a plain Node process and exports the handler', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
      { cwd: dir(), encoding: 'utf8', timeout: 60_000 },
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('function');
  });

  it('carries no DuckDB, dynalite, s3rver or classic-level', () => {
    const map = JSON.parse(readFileSync(path.join(dir(), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    // Sources are relative to the bundle (written under node_modules/.cache): resolve them first.
    const packages = map.sources
      .map((source) => path.resolve(dir(), source))
      .filter((source) => source.includes('/node_modules/') && !source.includes('/node_modules/.cache/'));
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of LOCAL_ONLY_PACKAGES)
      expect(
        packages.filter((source) => source.includes(`/node_modules/${pkg}`)),
        pkg,
      ).toEqual([]);
    // No literal import of them either (the adapters load them by computed specifier, locally only).
    const code = readFileSync(path.join(dir(), 'index.mjs'), 'utf8');
    for (const pkg of LOCAL_ONLY_PACKAGES)
      expect(code, pkg).not.toMatch(new RegExp(`(?:from|import)\\s*\\(?\\s*["']${pkg.replace('/', '\\/')}`));
  });

  it('carries the AWS SDK utilities the runtime is not known to provide', () => {
    const map = JSON.parse(readFileSync(path.join(dir(), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    // Sources are relative to the bundle, which this test writes under node_modules/.cache.
    for (const pkg of BUNDLED_SDK_PACKAGES[name] ?? [])
      expect(
        map.sources.some((source) => source.includes(`/${pkg}/`)),
        pkg,
      ).toBe(true);
  });

  it('uses no CommonJS __dirname or __filename (undefined in an ES module)', () => {
    const code = readFileSync(path.join(dir(), 'index.mjs'), 'utf8');
    expect(code.match(/\b__(?:dirname|filename)\b/g) ?? []).toEqual([]);
  });

  it('carries every SQL file its loaders read, in sql/ beside index.mjs', () => {
    const map = JSON.parse(readFileSync(path.join(dir(), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    const loaders = Object.keys(SQL_LOADERS).filter((loader) => map.sources.some((source) => source.endsWith(loader)));
    const needed = loaders.map((loader) => SQL_LOADERS[loader]!).sort();
    expect([...FUNCTION_SQL_DIRS[name]].sort()).toEqual(needed);
    const shipped = existsSync(path.join(dir(), BUNDLE_SQL_DIR)) ? filesUnder(path.join(dir(), BUNDLE_SQL_DIR)) : [];
    const expected = needed.flatMap((sqlDir) => filesUnder(path.join(REPO_ROOT, sqlDir)));
    expect(shipped).toEqual([...expected].sort());
    for (const sqlDir of needed)
      for (const file of filesUnder(path.join(REPO_ROOT, sqlDir)))
        expect(readFileSync(path.join(dir(), BUNDLE_SQL_DIR, file), 'utf8')).toBe(
          readFileSync(path.join(REPO_ROOT, sqlDir, file), 'utf8'),
        );
  });

  it('records its zipped size (ingest functions at most 5 MB)', () => {
    const zipped = zippedSize(dir());
    zippedSizes.set(name, zipped);
    console.info(`bundle ${name}: ${(zipped / 1024).toFixed(0)} KiB zipped`);
    expect(zipped).toBeGreaterThan(10_000);
    if (name === 'ingest' || name === 'ingest-chunk') expect(zipped).toBeLessThanOrEqual(MAX_INGEST_ZIP_BYTES);
  });
});

describe('SQL at run time, from the bundle directories', () => {
  it('the aggregate bundle renders and runs every aggregation statement; the report bundle reads its SQL', async () => {
    const dataDir = path.join(WORK_ROOT, 'data');
    const aggregated = await invokeBundle('aggregate', { full: true }, dataDir);
    expect(aggregated.ok ? '' : aggregated.error).toBe('');
    const result = (aggregated as { result: { status: string; rows: Record<string, number> } }).result;
    expect(result.status).toBe('published');
    expect(Object.keys(result.rows).sort()).toEqual(
      readdirSync(path.join(REPO_ROOT, 'pipeline/aggregate/sql'))
        .filter((file) => file.startsWith('agg_'))
        .map((file) => file.replace(/\.sql$/, ''))
        .sort(),
    );

    // No contracts were ingested: the report stops at the engine running contract.sql, which
    // proves the file was read from the bundle's sql/ (a missing file fails with ENOENT first).
    const reported = await invokeBundle('report', { contractId: 'GP-TEST-001', period: '2026-Q3' }, dataDir);
    const message = reported.ok ? JSON.stringify(reported.result) : reported.error;
    expect(message).not.toContain('ENOENT');
    const contractSql = readFileSync(path.join(REPO_ROOT, 'pipeline/reports/sql/contract.sql'), 'utf8');
    const quoted = /LINE \d+: (.+)/.exec(message)?.[1]?.trim();
    expect(quoted, message.slice(-2000)).toBeDefined();
    expect(contractSql).toContain(quoted);
  });
});
