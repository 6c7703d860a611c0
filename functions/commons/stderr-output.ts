/**
 * Sends Powertools' output (logs and EMF metrics) to stderr, so a CLI printing machine-readable
 * lines on stdout keeps stdout clean. Lambda keeps the default (stdout).
 */
import { Console } from 'node:console';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Redirects a Logger's or Metrics' console to stderr.
 *
 * @example
 * const logger = toStderr(new Logger({ serviceName: 'ingest' }));
 */
export function toStderr<T extends Logger | Metrics>(target: T): T {
  const stderrConsole = new Console({ stdout: process.stderr, stderr: process.stderr });
  (target as unknown as { console: Console }).console = stderrConsole;
  return target;
}
