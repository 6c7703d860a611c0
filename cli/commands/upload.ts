/**
 * `redvest upload FILE --dataset D [--district SLUG] [--api URL] [--token T]`: the district
 * officer's path through the upload API — create the batch, PUT the file to its upload link
 * with a progress bar, wait for ingest to finish, print the outcome. The token also comes from
 * `REDVEST_TOKEN`. Exit 0 for COMPLETED or DUPLICATE, 2 for FAILED, 1 for usage or internal errors.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { BatchOutcome } from '../../pipeline/ingest/batch-outcome.ts';

/** Default API: `redvest serve` on this machine. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8080/api';

export interface UploadOptions {
  file: string;
  dataset: string;
  /** District (federation staff uploading for a district). */
  district?: string;
  /** API base URL, e.g. `http://127.0.0.1:8080/api` or the HTTP API's endpoint. */
  apiUrl: string;
  token: string | undefined;
  json: boolean;
  /** First poll delay (ms, default 250), doubled up to `maxPollMs` (default 5000). */
  pollMs?: number;
  maxPollMs?: number;
  /** Give up waiting after this long (ms, default 30 min). */
  timeoutMs?: number;
}

export interface UploadIo {
  stdout: Writable;
  stderr: Writable;
}

/** A failure the user must act on (exit 1), carrying the API's bilingual message when there is one. */
class UploadError extends Error {}

interface ApiBatch extends Omit<BatchOutcome, 'status'> {
  status: BatchOutcome['status'] | 'RECEIVED';
  errors_report_url: string | null;
  file_name: string;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'DUPLICATE']);

async function callApi<T>(url: string, token: string, init: { method: string; body?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new UploadError(`无法连接上传接口 / cannot reach the upload API at ${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = body as { code?: string; message_zh?: string; message_en?: string } | undefined;
    if (error?.code)
      throw new UploadError(`${error.message_zh ?? ''} / ${error.message_en ?? ''} (${error.code}, HTTP ${response.status})`);
    throw new UploadError(`upload API answered HTTP ${response.status}`);
  }
  return body as T;
}

/** PUTs a file with a known length (S3 presigned PUTs need Content-Length), reporting bytes sent. */
async function putFile(
  target: { url: string; headers: Record<string, string> },
  file: string,
  size: number,
  onBytes: (sent: number) => void,
): Promise<void> {
  const url = new URL(target.url);
  const client = url.protocol === 'https:' ? https : http;
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      sent += chunk.length;
      onBytes(sent);
      callback(null, chunk);
    },
  });
  await new Promise<void>((resolve, reject) => {
    const request = client.request(
      url,
      { method: 'PUT', headers: { ...target.headers, 'content-length': String(size) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve();
          const text = Buffer.concat(chunks).toString('utf8');
          let detail = `HTTP ${status}`;
          try {
            const body = JSON.parse(text) as { code?: string; message_zh?: string; message_en?: string };
            if (body.code) detail = `${body.message_zh} / ${body.message_en} (${body.code}, HTTP ${status})`;
          } catch {
            // S3 answers XML; keep the status.
          }
          reject(new UploadError(`文件上传失败 / upload failed: ${detail}`));
        });
        response.on('error', reject);
      },
    );
    request.on('error', (error) => reject(new UploadError(`文件上传失败 / upload failed: ${error.message}`)));
    pipeline(fs.createReadStream(file), counter, request).catch(reject);
  });
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function outcomeOf(batch: ApiBatch): BatchOutcome {
  const outcome: BatchOutcome = {
    batch_id: batch.batch_id,
    dataset: batch.dataset,
    district: batch.district,
    status: batch.status === 'RECEIVED' ? 'PROCESSING' : batch.status,
    received: batch.received,
    accepted: batch.accepted,
    rejected: batch.rejected,
    duplicates: batch.duplicates,
    corrections: batch.corrections,
    errors_report: batch.errors_report,
    duplicate_of: batch.duplicate_of,
  };
  if (batch.failure) outcome.failure = batch.failure;
  return outcome;
}

function summaryOf(batch: ApiBatch): string {
  const lines = [
    `批次 / batch ${batch.batch_id} (${batch.dataset}, ${batch.district}): ${batch.status}`,
    `  读取 received ${batch.received} · 接受 accepted ${batch.accepted} · 拒绝 rejected ${batch.rejected} · 重复 duplicates ${batch.duplicates} · 更正 corrections ${batch.corrections}`,
  ];
  if (batch.duplicate_of) lines.push(`  与已完成批次相同 / same file as batch ${batch.duplicate_of}`);
  if (batch.failure)
    lines.push(`  失败原因 / failure: ${batch.failure.message_zh} / ${batch.failure.message_en} (${batch.failure.code})`);
  if (batch.errors_report_url ?? batch.errors_report)
    lines.push(`  错误报告 / error report: ${batch.errors_report_url ?? batch.errors_report}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Runs an upload end to end and returns the exit code.
 *
 * @example
 * const code = await runUpload({ file: 'march.csv', dataset: 'service_records', apiUrl, token, json: true }, process);
 */
export async function runUpload(options: UploadOptions, io: UploadIo): Promise<number> {
  const log = (message: string) => io.stderr.write(`${message}\n`);
  try {
    if (!options.token)
      throw new UploadError('缺少令牌 / no token: pass --token or set REDVEST_TOKEN (`redvest token --district …`)');
    const stat = await fs.promises.stat(options.file).catch(() => undefined);
    if (!stat?.isFile()) throw new UploadError(`文件不存在 / not a file: ${options.file}`);
    const api = options.apiUrl.replace(/\/+$/, '');
    const created = await callApi<{ batch_id: string; upload: { url: string; headers: Record<string, string> } }>(
      `${api}/batches`,
      options.token,
      {
        method: 'POST',
        body: {
          dataset: options.dataset,
          file_name: path.basename(options.file),
          size_bytes: stat.size,
          ...(options.district === undefined ? {} : { district: options.district }),
        },
      },
    );
    log(`批次已创建 / batch created: ${created.batch_id}`);

    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar(
      {
        stream: io.stderr as NodeJS.WriteStream,
        format: '上传 upload [{bar}] {percentage}% | {value}/{total} B',
        hideCursor: false,
      },
      Presets.shades_classic,
    );
    bar.start(stat.size, 0);
    try {
      await putFile(created.upload, options.file, stat.size, (sent) => bar.update(sent));
    } finally {
      bar.stop();
    }

    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    let delay = options.pollMs ?? 250;
    let batch: ApiBatch;
    for (;;) {
      batch = await callApi<ApiBatch>(`${api}/batches/${encodeURIComponent(created.batch_id)}`, options.token, { method: 'GET' });
      if (TERMINAL.has(batch.status)) break;
      if (Date.now() + delay > deadline)
        throw new UploadError(`等待超时 / gave up waiting; batch ${created.batch_id} is still ${batch.status}`);
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxPollMs ?? 5000);
    }

    if (options.json) {
      const { outcomeJsonLine } = await import('../../pipeline/ingest/batch-outcome.ts');
      io.stdout.write(`${outcomeJsonLine(outcomeOf(batch))}\n`);
      if (batch.errors_report_url) log(`错误报告 / error report: ${batch.errors_report_url}`);
    } else io.stdout.write(summaryOf(batch));
    return batch.status === 'FAILED' ? 2 : 0;
  } catch (error) {
    log(`redvest: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Registers `redvest upload`. */
export function register(program: Command): void {
  program
    .command('upload')
    .description('upload a file through the upload API and wait for its batch / 通过上传接口上传文件')
    .argument('<file>', 'CSV (UTF-8/GBK), XLSX or JSON Lines file')
    .requiredOption('--dataset <name>', 'service_records, registrations, projects or contracts')
    .option('--district <slug>', 'district (federation staff uploading for a district)')
    .option('--api <url>', 'upload API base URL', DEFAULT_API_URL)
    .option('--token <token>', 'bearer token (default: REDVEST_TOKEN)')
    .action(
      async (file: string, options: { dataset: string; district?: string; api: string; token?: string }, command: Command) => {
        const globals = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
        const { loadConfig } = await import('../../adapters/config.ts');
        const config = loadConfig(process.env, { dataDir: globals.dataDir });
        process.exitCode = await runUpload(
          {
            file,
            dataset: options.dataset,
            district: options.district,
            apiUrl: options.api,
            token: options.token ?? config.uploadToken,
            json: globals.json === true,
          },
          { stdout: process.stdout, stderr: process.stderr },
        );
      },
    );
}
