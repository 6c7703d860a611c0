import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { chunkWorkerEntry, workerExecArgv } from '../../../functions/commons/worker-entry.ts';

describe('chunkWorkerEntry', () => {
  it('bundles the chunk worker into plain JavaScript once per process, loadable without tsx', async () => {
    const entry = chunkWorkerEntry();
    expect(entry.eval).toBe(false);
    expect(entry.filename).toMatch(/node_modules[\\/]\.cache[\\/]redvest[\\/]chunk-worker-[0-9a-f]{16}[\\/]chunk-worker\.mjs$/);
    expect(chunkWorkerEntry()).toBe(entry);
    const code = fs.readFileSync(entry.filename, 'utf8');
    expect(code).toContain('processChunk');
    expect(code).not.toMatch(/from "\.{1,2}\/[^"]*\.ts"/);
    // Adapters are split off at their dynamic import: the entry loads no AWS SDK client.
    expect(code).not.toMatch(/from "@aws-sdk\//);
    expect(code).toMatch(/import\("\.\/[^"]+\.mjs"\)/);
    // zod is inside (no thread resolves its ~60 modules); other packages stay external.
    expect(code).not.toMatch(/from "zod"/);
    expect(code).toMatch(/from "iconv-lite"/);
    // The bundle starts in a bare thread (no loader) and fails only for want of workerData.
    const worker = new Worker(entry.filename, { execArgv: entry.execArgv, workerData: { config: null } });
    const failure = await new Promise<Error>((resolve) => worker.once('error', resolve));
    expect(failure.message).toMatch(/config|null|undefined/i);
    await worker.terminate();
  });

  it('is reused by a later process whose sources are unchanged, without building again', () => {
    const entry = chunkWorkerEntry();
    expect(entry.from).not.toBe('tsx');
    const manifest = path.join(path.dirname(path.dirname(entry.filename)), 'manifest.chunk-worker.json');
    expect(JSON.parse(fs.readFileSync(manifest, 'utf8')).folder).toBe(path.dirname(entry.filename));
    const script = `import('./functions/commons/worker-entry.ts').then((m) => console.log(JSON.stringify(m.chunkWorkerEntry())))`;
    const other = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
    });
    // Its workers would not start tsx again: the module hooks of `--import tsx` are left out.
    expect(JSON.parse(other)).toEqual({ filename: entry.filename, eval: false, execArgv: [], from: 'remembered bundle' });
  });
});

describe('workerExecArgv', () => {
  it('keeps diagnostics and resolution options, and drops module hooks, V8 and process options', () => {
    expect(
      workerExecArgv([
        '--import',
        'tsx',
        '--require=./preload.cjs',
        '-r',
        'x',
        '--max-old-space-size=512',
        '--perf-basic-prof',
        '--title',
        'redvest',
        '--enable-source-maps',
        '--conditions',
        'development',
        '-C=edge',
        '--unhandled-rejections=strict',
      ]),
    ).toEqual(['--enable-source-maps', '--conditions', 'development', '-C=edge', '--unhandled-rejections=strict']);
  });

  it('gives options a worker thread accepts', async () => {
    const execArgv = workerExecArgv(['--max-old-space-size=64', '--stack-size=2000', '--enable-source-maps', '--no-warnings']);
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(process.execArgv)", {
      eval: true,
      execArgv,
    });
    const seen = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(seen).toEqual(['--enable-source-maps', '--no-warnings']);
    await worker.terminate();
  });
});
