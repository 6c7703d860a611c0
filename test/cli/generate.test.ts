import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve('bin/redvest.js');
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('redvest generate', () => {
  it('writes the files under <data-dir>/generated and prints one JSON summary line', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rv-cli-gen-'));
    dirs.push(dataDir);
    const { stdout } = await run(
      process.execPath,
      [bin, '--data-dir', dataDir, '--json', 'generate', '--as-of', '2026-06-30', '--seed', '9', '--records', '1200'],
      { env: { ...process.env, REDVEST_TODAY: '' } },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] as string);
    expect(summary.out).toBe(path.join(dataDir, 'generated'));
    expect(summary.as_of).toBe('2026-06-30');
    expect(summary.bad_rows).toBe(24);
    expect(summary.rows.service_records).toBeGreaterThanOrEqual(1200);
    const manifest = JSON.parse(await readFile(summary.manifest, 'utf8'));
    expect(manifest.files).toHaveLength(summary.files);
    for (const file of manifest.files) expect((await stat(path.join(summary.out, file.path))).size).toBeGreaterThan(0);
  });

  it('defaults --as-of to today in Asia/Shanghai (REDVEST_TODAY overrides) and rejects bad flags', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rv-cli-gen-'));
    dirs.push(dataDir);
    const out = path.join(dataDir, 'elsewhere');
    const { stdout } = await run(process.execPath, [bin, '--json', 'generate', '--records', '300', '--out', out], {
      env: { ...process.env, REDVEST_TODAY: '2025-03-31' },
    });
    expect(JSON.parse(stdout).as_of).toBe('2025-03-31');
    expect(JSON.parse(stdout).out).toBe(out);
    await expect(run(process.execPath, [bin, 'generate', '--records', 'many', '--out', out])).rejects.toMatchObject({
      code: 1,
    });
  });
});
