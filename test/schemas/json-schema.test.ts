import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../schemas/datasets/index.ts';
import { jsonSchemaFileName, jsonSchemaText } from '../../schemas/json-schema.ts';

describe('generated JSON Schemas', () => {
  for (const name of Object.keys(DATASETS) as (keyof typeof DATASETS)[]) {
    it(`schemas/generated/${name} is up to date (run npm run schemas:generate)`, async () => {
      const committed = await readFile(path.join('schemas/generated', jsonSchemaFileName(name)), 'utf8');
      expect(committed).toBe(jsonSchemaText(name));
    });
  }

  it('lists every input column with its aliases and marks the required ones', () => {
    const schema = JSON.parse(jsonSchemaText('service_records'));
    expect(Object.keys(schema.properties)).toEqual(DATASETS.service_records.columns.map((c) => c.key));
    expect(schema.required).toEqual(DATASETS.service_records.columns.filter((c) => c.required === true).map((c) => c.key));
    expect(schema.properties.service_date['x-aliases']).toContain('服务日期');
    expect(schema.properties.hours.type).toEqual(['number', 'string']);
    expect(schema['x-error-codes'].HOURS_RANGE.zh).toMatch(/服务时长/);
  });
});
