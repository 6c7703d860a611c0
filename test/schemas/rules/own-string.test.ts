import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ownString } from '../../../schemas/rules/own-string.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('ownString', () => {
  it('copies a string without changing it', () => {
    for (const text of ['', 'R1', '440304199001011234', '南园东社区'.repeat(5), 'a\ud800b\udfffcdefghijklmn', '😀'.repeat(9)])
      expect(ownString(text)).toBe(text);
  });

  it('lets the text a cached id was read from be collected (volunteer-key cache and accept path)', async () => {
    // In a child with --expose-gc: 200 chunks of 1 MB each lend one ID-shaped slice to the
    // caches; once the chunks are dropped, the heap must not keep them (it would hold ~400 MB).
    const script = `
      const { VolunteerKeyer } = await import('./pipeline/identity/volunteer-key.ts');
      const { acceptServiceRecord } = await import('./schemas/datasets/service-records-accept.ts');
      const keyer = new VolunteerKeyer(Buffer.alloc(32, 1));
      const ctx = { district: 'futian', today: '2026-06-30', contracts: new Map() };
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 200; i++) {
        const chunk = 'SZV' + String(i).padStart(15, '0') + 'x'.repeat(1 << 20) + String(i);
        const id = chunk.slice(0, 18);
        keyer.keyOf(id);
        acceptServiceRecord({ record_id: 'R' + i, district: 'futian', street_code: '440304001', volunteer_id: id,
          project_code: 'SZ-SBZA', category: 'elderly_care', service_date: '2026-01-02', hours: '2' }, ctx);
      }
      globalThis.gc();
      console.log(Math.round((process.memoryUsage().heapUsed - before) / 1e6));`;
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
    });
    expect(Number(stdout.trim().split('\n').at(-1))).toBeLessThan(20);
  }, 30_000);
});
