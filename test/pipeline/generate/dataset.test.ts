import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, parseTime } from '../../../pipeline/generate/dates.ts';
import { generateDataset, rowHours, rowsOf } from '../../../pipeline/generate/index.ts';
import {
  BAD_ROW_KINDS,
  type ContractRow,
  type RegistrationRow,
  type ServiceRecordRow,
} from '../../../pipeline/generate/model.ts';
import { DISTRICTS, STREETS } from '../../../schemas/reference/index.ts';

/** Independent ISO 7064 MOD 11-2 check, so the test does not trust the generator's own. */
function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]?.toUpperCase()) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(birth);
}

const asOf = '2026-06-30';
const dataset = generateDataset({ asOf, seed: 11, records: 4000 });
const initial = dataset.batches.filter((b) => b.phase === 'initial');
const badKey = (batch: string, index: number) => `${batch}#${index}`;
const bad = new Map(dataset.truth.badRows.map((b) => [badKey(b.batch, b.index), b]));
const goodRows = initial.flatMap((b) => (b.rows as ServiceRecordRow[]).filter((_, i) => !bad.has(badKey(b.name, i))));

describe('generateDataset', () => {
  it('makes the requested number of service records, with the requested share of bad rows', () => {
    expect(initial.reduce((n, b) => n + b.rows.length, 0)).toBe(4000);
    expect(dataset.truth.badRows).toHaveLength(80);
    const other = generateDataset({ asOf, seed: 11, records: 4000, badRowShare: 0.1 });
    expect(other.truth.badRows).toHaveLength(400);
    expect(generateDataset({ asOf, seed: 11, records: 4000, badRowShare: 0 }).truth.badRows).toHaveLength(0);
  });

  it('makes bad rows of every kind', () => {
    const kinds = new Set(dataset.truth.badRows.map((b) => b.kind));
    expect([...kinds].sort()).toEqual([...BAD_ROW_KINDS].sort());
  });

  it('is deterministic in memory and changes with the seed', () => {
    expect(generateDataset({ asOf, seed: 11, records: 4000 })).toEqual(dataset);
    const other = generateDataset({ asOf, seed: 12, records: 4000 });
    expect(rowsOf(other, 'service_records', 'futian')).not.toEqual(rowsOf(dataset, 'service_records', 'futian'));
  });

  it('covers all 11 districts and every street with valid rows', () => {
    expect(initial.map((b) => b.district).sort()).toEqual(DISTRICTS.map((d) => d.slug).sort());
    const registrationDistricts = dataset.batches.filter((b) => b.dataset === 'registrations').map((b) => b.district);
    expect(registrationDistricts.sort()).toEqual(DISTRICTS.map((d) => d.slug).sort());
    expect(new Set(goodRows.map((r) => r.street_code))).toEqual(new Set(STREETS.map((s) => s.code)));
    const streetDistrict = new Map(STREETS.map((s) => [s.code, s.district]));
    for (const row of goodRows) expect(streetDistrict.get(row.street_code)).toBe(row.district);
  });

  it('writes valid ID numbers everywhere except the intended bad rows', () => {
    for (const batch of dataset.batches.filter((b) => b.dataset === 'service_records'))
      (batch.rows as ServiceRecordRow[]).forEach((row, i) => {
        const kind = batch.phase === 'initial' ? bad.get(badKey(batch.name, i))?.kind : undefined;
        if (kind === 'id_checksum' || kind === 'id_birth_date') expect(validIdNumber(row.volunteer_id)).toBe(false);
        else if (/^\d{17}/.test(row.volunteer_id)) expect(validIdNumber(row.volunteer_id), row.volunteer_id).toBe(true);
        else if (kind !== 'volunteer_number_invalid') expect(row.volunteer_id).toMatch(/^[A-Za-z0-9]{6,32}$/);
      });
    const registrations = dataset.batches
      .filter((b) => b.dataset === 'registrations')
      .flatMap((b) => b.rows as RegistrationRow[]);
    for (const row of registrations) {
      expect(row.id_number !== '' || row.volunteer_number !== '').toBe(true);
      if (row.id_number !== '') expect(validIdNumber(row.id_number)).toBe(true);
    }
    const idBad = dataset.truth.badRows.filter((b) => b.kind === 'id_checksum' || b.kind === 'id_birth_date');
    expect(idBad.length).toBeGreaterThan(0);
  });

  it('links volunteers known by ID number in one district and by volunteer number in another', () => {
    const registrations = dataset.batches
      .filter((b) => b.dataset === 'registrations')
      .flatMap((b) => b.rows as RegistrationRow[]);
    const both = registrations.filter((r) => r.id_number !== '' && r.volunteer_number !== '');
    const usedBy = new Map<string, Set<string>>();
    for (const row of goodRows) usedBy.set(row.volunteer_id, (usedBy.get(row.volunteer_id) ?? new Set()).add(row.district));
    const linked = both.filter((r) => {
      const byId = usedBy.get(r.id_number);
      const byNumber = usedBy.get(r.volunteer_number);
      return byId !== undefined && byNumber !== undefined && [...byNumber].some((d) => !byId.has(d));
    });
    expect(linked.length).toBeGreaterThan(10);
  });

  it('gives participation a heavy tail: most serve rarely, a few about weekly', () => {
    const big = generateDataset({ asOf, seed: 3, records: 20_000 });
    const counts = new Map<string, number>();
    for (const batch of big.batches.filter((b) => b.phase === 'initial'))
      for (const row of batch.rows as ServiceRecordRow[]) counts.set(row.volunteer_id, (counts.get(row.volunteer_id) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(4);
    expect(sorted.at(-1)).toBeGreaterThanOrEqual(60);
  });

  it('keeps valid rows within the contract of the right funder type and hours consistent', () => {
    const contracts = new Map(rowsOf(dataset, 'contracts', 'city').map((c) => [c.contract_id, c]));
    const funded = goodRows.filter((r) => r.contract_id !== '');
    expect(funded.length).toBeGreaterThan(1000);
    for (const row of funded) {
      const contract = contracts.get(row.contract_id) as ContractRow;
      expect(contract, row.contract_id).toBeDefined();
      expect(row.funding).toBe(contract.funder_type === 'government' ? 'government_purchase' : 'enterprise_purchase');
      expect(row.service_date >= contract.start_date && row.service_date <= contract.end_date).toBe(true);
    }
    const funders = new Set([...contracts.values()].map((c) => c.funder));
    for (const funder of ['深圳市公安局交通警察局', '深圳市公安局', '深圳市城市管理和综合执法局', '深圳市民政局'])
      expect(funders).toContain(funder);
    for (const row of goodRows) {
      expect(row.service_date <= asOf && isIsoDate(row.service_date)).toBe(true);
      const hours = rowHours(row);
      expect(hours > 0 && hours <= 24).toBe(true);
      if (row.hours !== '' && row.start_time !== '')
        expect(Math.abs(Number(row.hours) - (parseTime(row.end_time) - parseTime(row.start_time)) / 60)).toBeLessThanOrEqual(
          0.25,
        );
    }
    const statuses = new Set(goodRows.map((r) => r.status));
    expect(statuses).toEqual(new Set(['', 'approved', 'pending', 'not_approved']));
    const projects = new Set(goodRows.map((r) => r.project_code));
    for (const code of ['SZ-SBZA', 'SZ-YNTX', 'SZ-YQCZ', 'SZ-JTYG', 'SZ-ZAYG', 'SZ-CGYG', 'SZ-GJH-2025', 'SZ-WBH-2025'])
      expect(projects).toContain(code);
  });

  it('makes each bad row actually break its rule', () => {
    const byName = new Map(initial.map((b) => [b.name, b.rows as ServiceRecordRow[]]));
    for (const truth of dataset.truth.badRows) {
      const rows = byName.get(truth.batch) as ServiceRecordRow[];
      const row = rows[truth.index] as ServiceRecordRow;
      expect(row.record_id).toBe(truth.record_id);
      if (truth.kind === 'future_date') expect(row.service_date > asOf).toBe(true);
      if (truth.kind === 'duplicate_in_file')
        expect(rows.findIndex((r) => r.record_id === row.record_id)).toBeLessThan(truth.index);
      if (truth.kind === 'hours_mismatch')
        expect(Math.abs(Number(row.hours) - (parseTime(row.end_time) - parseTime(row.start_time)) / 60)).toBeGreaterThan(0.25);
      if (truth.kind === 'end_before_start') expect(parseTime(row.end_time)).toBeLessThan(parseTime(row.start_time));
      if (truth.kind === 'wrong_district') expect(row.district).not.toBe(truth.district);
      if (truth.kind === 'foreign_street')
        expect(STREETS.find((s) => s.code === row.street_code)?.district).not.toBe(truth.district);
      if (truth.kind === 'unknown_street') expect(STREETS.some((s) => s.code === row.street_code)).toBe(false);
      if (truth.kind === 'community_too_long') expect([...row.community].length).toBeGreaterThan(64);
      if (truth.kind === 'hours_precision') expect(row.hours).toMatch(/\.\d{3}$/);
    }
  });

  it('sends corrections of earlier records: changed, moved to another month, unchanged, withdrawn, approved', () => {
    const corrections = dataset.batches.filter((b) => b.phase === 'correction');
    expect(corrections.length).toBeGreaterThanOrEqual(3);
    expect(new Set(dataset.truth.corrections.map((c) => c.kind))).toEqual(
      new Set(['changed', 'moved_month', 'unchanged', 'withdrawn', 'approved']),
    );
    for (const batch of corrections) {
      const originals = new Map(
        ((initial.find((b) => b.district === batch.district)?.rows ?? []) as ServiceRecordRow[]).map((r) => [r.record_id, r]),
      );
      for (const row of batch.rows as ServiceRecordRow[]) {
        const truth = dataset.truth.corrections.find((c) => c.batch === batch.name && c.record_id === row.record_id);
        const original = originals.get(row.record_id) as ServiceRecordRow;
        expect(original).toBeDefined();
        expect(truth).toBeDefined();
        if (truth?.kind === 'unchanged') expect(row).toEqual(original);
        else expect(row).not.toEqual(original);
        if (truth?.kind === 'moved_month') expect(row.service_date.slice(0, 7)).not.toBe(original.service_date.slice(0, 7));
        if (truth?.kind === 'withdrawn') expect(row.status).toBe('not_approved');
      }
    }
  });

  it('orders batches for ingest: reference data, registrations, service records, corrections', () => {
    const phases = dataset.batches.map((b) => b.phase);
    const rank = { reference: 0, registrations: 1, initial: 2, correction: 3 } as const;
    expect(phases.map((p) => rank[p])).toEqual([...phases.map((p) => rank[p])].sort((a, b) => a - b));
    expect(dataset.batches.slice(0, 2).map((b) => [b.dataset, b.district])).toEqual([
      ['projects', 'city'],
      ['contracts', 'city'],
    ]);
  });

  it('rejects invalid options', () => {
    expect(() => generateDataset({ asOf: '2026/06/30', seed: 1 })).toThrow(/asOf/);
    expect(() => generateDataset({ asOf, seed: 1, records: 0 })).toThrow(/records/);
    expect(addDays(asOf, 1)).toBe('2026-07-01');
  });
});
