/**
 * Writes the derived artefacts of the data contract into `schemas/generated/`.
 * Run with `npm run schemas:generate` after changing anything in `schemas/`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS } from './datasets/index.ts';
import { jsonSchemaFileName, jsonSchemaText } from './json-schema.ts';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generated');
await mkdir(outDir, { recursive: true });
for (const name of Object.keys(DATASETS) as (keyof typeof DATASETS)[]) {
  await writeFile(path.join(outDir, jsonSchemaFileName(name)), jsonSchemaText(name));
  process.stdout.write(`wrote schemas/generated/${jsonSchemaFileName(name)}\n`);
}
