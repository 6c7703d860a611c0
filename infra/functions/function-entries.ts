/**
 * The Lambda functions of the pipeline: one folder per function under `functions/`, each with
 * a `handler.ts` exporting `handler`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Names of the function folders the stack deploys. */
export const FUNCTION_NAMES = [
  'ingest',
  'ingest-chunk',
  'upload-api',
  'aggregate',
  'dashboard-export',
  'report',
  'dashboard-sign-in',
] as const;

/** One deployed function, named after its folder under `functions/`. */
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Repository root (the folder holding `functions/` and `infra/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Absolute path of a function's entry file.
 *
 * @example
 * functionEntry('ingest'); // '/…/functions/ingest/handler.ts'
 */
export function functionEntry(name: FunctionName): string {
  return path.join(REPO_ROOT, 'functions', name, 'handler.ts');
}
