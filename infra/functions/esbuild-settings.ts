import type { FunctionName } from './function-entries.ts';

/**
 * esbuild settings shared by the CDK bundling (NodejsFunction) and the bundling test, so
 * the test measures exactly what is deployed.
 */

/** Modules left out of every bundle. */
export const EXTERNAL_MODULES: readonly string[] = [
  // Provided by the Lambda Node.js 22 runtime.
  '@aws-sdk/*',
  // DuckDB's native binding (~22 MB compressed) never ships in a Lambda: the cloud engine is Athena.
  '@duckdb/*',
  // Report PDFs need a Chromium executable, which Lambda does not have: the report code checks for
  // it before importing playwright-core and skips the PDF. Bundling it would add ~4 MB of dead code
  // that also relies on CommonJS `__dirname`.
  'playwright-core',
];

/** ESM output needs `require` for bundled CommonJS dependencies. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __redvestCreateRequire } from 'node:module'; const require = __redvestCreateRequire(import.meta.url);";

/** esbuild target matching the Lambda runtime. */
export const ESBUILD_TARGET = 'node22';

/**
 * AWS SDK packages a function's bundle carries because the Lambda runtime is not known to
 * provide them (the runtime ships the service clients, not utilities such as the CloudFront signer).
 */
export const BUNDLED_SDK_PACKAGES: Readonly<Partial<Record<FunctionName, readonly string[]>>> = {
  'dashboard-sign-in': ['@aws-sdk/cloudfront-signer'],
};

/**
 * The modules left out of one function's bundle: {@link EXTERNAL_MODULES}, with only the
 * runtime's service clients (`@aws-sdk/client-*`) external when the function bundles an SDK utility.
 *
 * @example
 * externalModulesOf('dashboard-sign-in'); // ['@aws-sdk/client-*', '@duckdb/*', 'playwright-core']
 */
export function externalModulesOf(name: FunctionName): string[] {
  if ((BUNDLED_SDK_PACKAGES[name] ?? []).length === 0) return [...EXTERNAL_MODULES];
  return EXTERNAL_MODULES.map((module) => (module === '@aws-sdk/*' ? '@aws-sdk/client-*' : module));
}
