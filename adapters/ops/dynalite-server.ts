/**
 * dynalite, a DynamoDB stand-in, run in-process for the embedded runtime and tests.
 */

import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';

/** Loaded by a computed specifier so Lambda bundles (which reach this file lazily) never carry dynalite. */
const DYNALITE_MODULE = 'dynalite';

export interface RunningDynalite {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite on 127.0.0.1 (a free port unless one is given). With `path`, tables
 * persist in a LevelDB folder there (one process at a time); without, they live in memory.
 *
 * @example
 * const db = await startDynalite({ path: '.redvest/dynalite' });
 * const client = createDynamoClient({ endpoint: db.endpoint, local: true });
 * await db.close();
 */
export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<RunningDynalite> {
  if (options.path !== undefined) await fs.mkdir(options.path, { recursive: true });
  const { default: dynalite } = (await import(/* @vite-ignore */ DYNALITE_MODULE)) as typeof import('dynalite');
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() waits for them to time out.
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
