/**
 * JSON Schemas handed to district IT, generated from the data contract into
 * `schemas/generated/` (a test fails when the committed files are stale).
 */
import { z } from 'zod';
import { DATASETS } from './datasets/index.ts';
import { ROW_ERRORS } from './messages.ts';

/**
 * The JSON Schema (draft 2020-12) of one dataset's input row, as a formatted string.
 *
 * @example
 * JSON.parse(jsonSchemaText('service_records')).title; // 'Redvest service_records row'
 */
export function jsonSchemaText(name: keyof typeof DATASETS): string {
  const dataset = DATASETS[name];
  const schema = z.toJSONSchema(dataset.inputSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const document = {
    $id: `https://redvest.example/schemas/${name}.schema.json`,
    title: `Redvest ${name} row`,
    description: `${dataset.zh} / ${dataset.en}. Scope: ${dataset.scope}. One JSON object per line (JSON Lines), or one row of a CSV/XLSX file with these keys or their Chinese headers (x-aliases).`,
    ...schema,
    additionalProperties: true,
    'x-error-codes': ROW_ERRORS,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** File name of a dataset's generated schema. */
export function jsonSchemaFileName(name: string): string {
  return `${name}.schema.json`;
}
