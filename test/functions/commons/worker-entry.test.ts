import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { chunkWorkerEntry } from '../../../functions/commons/worker-entry.ts';

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
    // The bundle starts in a bare thread (no loader) and fails only for want of workerData.
    const worker = new Worker(entry.filename, { workerData: { config: null } });
    const failure = await new Promise<Error>((resolve) => worker.once('error', resolve));
    expect(failure.message).toMatch(/config|null|undefined/i);
    await worker.terminate();
  });
});
