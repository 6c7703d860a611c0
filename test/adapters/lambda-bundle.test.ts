import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Packages a Lambda bundle must never contain (native bindings, local stand-ins). */
const LOCAL_ONLY = ['node_modules/@duckdb/', 'node_modules/dynalite/', 'node_modules/s3rver/', 'node_modules/classic-level/'];

describe('Lambda bundles of the runtime', () => {
  it('leave DuckDB and the local stand-ins out', async () => {
    const result = await build({
      entryPoints: ['adapters/runtime.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('adapters/query/athena-engine.ts');
    expect(inputs.filter((input) => LOCAL_ONLY.some((pkg) => input.includes(pkg)))).toEqual([]);
  });
});
