import { describe, expect, it } from 'vitest';
import { generateDataset, rowsOf } from '../../../pipeline/generate/index.ts';
import { presentRows } from '../../../pipeline/generate/present.ts';
import { type Dataset, mapHeaders, type RawRow } from '../../../schemas/dataset.ts';
import { DATASETS } from '../../../schemas/datasets/index.ts';

describe('generated data against the data contract (schemas/)', () => {
  it('passes every valid row and fails every bad row except in-file duplicates (a file-level rule)', () => {
    const asOf = '2026-06-30';
    const dataset = generateDataset({ asOf, seed: 21, records: 1500 });
    const contracts = new Map(
      rowsOf(dataset, 'contracts', 'city').map((c) => [
        c.contract_id,
        { ...c, funder_type: c.funder_type as 'government' | 'enterprise' },
      ]),
    );
    const bad = new Map(dataset.truth.badRows.map((b) => [`${b.batch}#${b.index}`, b.kind]));
    const rejectedGood: string[] = [];
    const acceptedBad: string[] = [];
    for (const batch of dataset.batches) {
      const contract = DATASETS[batch.dataset] as Dataset<unknown>;
      const { headers, cells } = presentRows(batch.dataset, batch.rows, batch.style);
      const mapping = mapHeaders(contract.columns, headers);
      const context = { district: batch.district, today: asOf, contracts };
      expect(mapping.missing, batch.name).toEqual([]);
      cells.forEach((cellsOfRow, i) => {
        const raw: RawRow = {};
        cellsOfRow.forEach((cell, j) => {
          const key = mapping.keys[j];
          if (key !== undefined)
            raw[key] = cell === null ? undefined : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
        });
        const result = contract.validate(raw, context);
        const kind = batch.phase === 'initial' ? bad.get(`${batch.name}#${i}`) : undefined;
        if (kind === undefined && !result.ok) rejectedGood.push(`${batch.name}#${i}: ${JSON.stringify(result.issues)}`);
        if (kind !== undefined && kind !== 'duplicate_in_file' && result.ok) acceptedBad.push(`${batch.name}#${i}: ${kind}`);
      });
    }
    expect(rejectedGood).toEqual([]);
    expect(acceptedBad).toEqual([]);
  });
});
