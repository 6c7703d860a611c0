import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../schemas/rules/id-number.ts';

const run = promisify(execFile);
const id17 = '44030419880808123';
const idNumber = id17 + idNumberCheckChar(id17);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function redvest(dataDir: string, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/redvest.js', '--data-dir', dataDir, ...args], {
      env: { ...process.env, REDVEST_TODAY: '2026-11-20' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('redvest ingest --json', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'redvest-cli-ingest-'));
    file = path.join(dir, 'futian-2026-11.csv');
    await writeFile(
      file,
      [
        '记录编号,所属区,街道代码,义工编号,姓名,手机,项目编号,服务类别,服务日期,服务时长,受益人数',
        `FT-1,福田区,440304001,${idNumber},张三,13812345678,SBZA,敬老助老,2026-11-02,2.5,3`,
        'FT-2,福田区,440304002,SZV000777,李四,13912345678,SBZA,敬老助老,2026/11/3,1.5,2',
        'FT-3,福田区,440303001,SZV000778,王五,,SBZA,敬老助老,2026-11-04,30,1',
        `FT-4,福田区,440304001,${id17}0,赵六,,SBZA,跳舞,2026-11-05,2,1`,
        'FT-2,福田区,440304002,SZV000777,李四,,SBZA,敬老助老,2026-11-03,1.5,2',
        '=cmd,福田区,440304001,SZV000779,,,SBZA,敬老助老,2026-11-06,1,1',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints exactly one outcome line whose counts keep the contract, and writes an error report that names file, row, column and rule', async () => {
    const result = await redvest(
      path.join(dir, 'data'),
      'ingest',
      file,
      '--dataset',
      'service_records',
      '--district',
      'futian',
      '--json',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const outcome = JSON.parse(lines[0]!);
    expect(Object.keys(outcome).sort()).toEqual(
      [
        'batch_id',
        'dataset',
        'district',
        'status',
        'received',
        'accepted',
        'rejected',
        'duplicates',
        'corrections',
        'errors_report',
        'duplicate_of',
      ].sort(),
    );
    expect(outcome).toMatchObject({
      dataset: 'service_records',
      district: 'futian',
      status: 'COMPLETED',
      received: 6,
      accepted: 2,
      rejected: 4,
    });
    expect(outcome.received).toBe(outcome.accepted + outcome.rejected);

    const reportPath = String(outcome.errors_report).replace(/^file:\/\//, '');
    const report = await readFile(
      reportPath.startsWith('/') ? reportPath : path.join(dir, 'data', 'rejects', reportPath),
      'utf8',
    );
    expect(report.startsWith('\uFEFF')).toBe(true);
    const rows = report.slice(1).trim().split(/\r?\n/);
    expect(rows[0]).toBe('file,row,column,value,code,message_zh,message_en');
    const body = rows.slice(1).join('\n');
    expect(body).toContain('futian-2026-11.csv,4,street_code,440303001,STREET_NOT_IN_DISTRICT');
    expect(body).toContain('futian-2026-11.csv,4,hours,30,HOURS_RANGE');
    expect(body).toContain('futian-2026-11.csv,5,volunteer_id,');
    expect(body).toContain('ID_NUMBER_CHECKSUM');
    expect(body).toContain('futian-2026-11.csv,5,category,跳舞,CATEGORY_UNKNOWN');
    expect(body).toContain('futian-2026-11.csv,6,record_id,FT-2,DUPLICATE_IN_FILE');
    expect(body).toContain("'=cmd");
    expect(body).toContain('服务时长须大于0且不超过24小时');
    // Personal data never reaches the report, the output or the logs.
    for (const text of [report, result.stdout, result.stderr]) {
      expect(text).not.toContain(id17);
      expect(text).not.toContain('张三');
      expect(text).not.toContain('13812345678');
    }
  });

  it('ends a byte-identical re-upload as DUPLICATE with every count 0', async () => {
    const result = await redvest(
      path.join(dir, 'data'),
      'ingest',
      file,
      '--dataset',
      'service_records',
      '--district',
      'futian',
      '--json',
    );
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout.trim());
    expect(outcome).toMatchObject({ status: 'DUPLICATE', received: 0, accepted: 0, rejected: 0, duplicates: 0, corrections: 0 });
    expect(outcome.duplicate_of).toMatch(/\S/);
  });

  it('fails a file without the required columns with exit 2, and a usage error with exit 1', async () => {
    const bad = path.join(dir, 'no-columns.csv');
    await writeFile(bad, 'foo,bar\n1,2\n');
    const failed = await redvest(
      path.join(dir, 'data'),
      'ingest',
      bad,
      '--dataset',
      'service_records',
      '--district',
      'futian',
      '--json',
    );
    expect(failed.code).toBe(2);
    expect(JSON.parse(failed.stdout.trim())).toMatchObject({ status: 'FAILED', received: 0, accepted: 0, rejected: 0 });
    const usage = await redvest(path.join(dir, 'data'), 'ingest', bad, '--dataset', 'nope', '--json');
    expect(usage.code).toBe(1);
    expect(usage.stdout).toBe('');
  });
});
