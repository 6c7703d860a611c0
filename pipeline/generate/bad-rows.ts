/**
 * Turns a valid service record into a bad one of a given kind, with exactly one intended fault
 * (validators may report consequences of it too, e.g. a wrong district also makes the street
 * foreign to the named district).
 */
import { DISTRICTS, STREETS } from '../../schemas/reference/index.ts';
import { addDays, formatTime } from './dates.ts';
import { makeIdNumber, withWrongCheckChar } from './id-number.ts';
import type { BadRowKind, ServiceRecordRow } from './model.ts';
import type { ContractInstance } from './projects.ts';
import type { Random } from './random.ts';

export interface CorruptionContext {
  asOf: string;
  contracts: readonly ContractInstance[];
  /** Valid earlier rows of the same file (for in-file duplicates). */
  earlier: readonly ServiceRecordRow[];
}

const STREET_CODES = new Set(STREETS.map((s) => s.code));

function selfFunded(row: ServiceRecordRow): void {
  row.funding = 'self_funded';
  row.contract_id = '';
}

function hoursOnly(row: ServiceRecordRow, hours: string): void {
  row.start_time = '';
  row.end_time = '';
  row.hours = hours;
}

/**
 * Mutates `row` into a bad row of `kind` and returns the column at fault.
 *
 * @example
 * corruptRow(random, row, 'future_date', { asOf: '2026-06-30', contracts, earlier: [] }); // 'service_date'
 */
export function corruptRow(
  random: Random,
  row: ServiceRecordRow,
  kind: BadRowKind,
  context: CorruptionContext,
): keyof ServiceRecordRow {
  switch (kind) {
    case 'id_checksum': {
      const id = makeIdNumber({ area: '440304', birth: '19900101', sex: 'male', serial: random.int(0, 499) });
      row.volunteer_id = withWrongCheckChar(id);
      return 'volunteer_id';
    }
    case 'id_birth_date': {
      const birth = random.pick(['19880230', '19921301', '20010431', '19950000', '19790229']);
      row.volunteer_id = makeIdNumber({ area: '440305', birth, sex: 'female', serial: random.int(0, 499) });
      return 'volunteer_id';
    }
    case 'volunteer_number_invalid':
      row.volunteer_id = random.pick(['SZ12', 'SZYG-0012345', '义工00123456', `SZYG${'1'.repeat(40)}`]);
      return 'volunteer_id';
    case 'bad_date':
      selfFunded(row);
      row.service_date = random.pick(['2025-02-30', '2025/13/05', '2025年4月31日', '昨天', '20250405x']);
      return 'service_date';
    case 'date_too_early':
      selfFunded(row);
      row.service_date = random.pick(['1989-12-31', '1970-01-01']);
      return 'service_date';
    case 'future_date':
      selfFunded(row);
      row.service_date = addDays(context.asOf, random.int(1, 60));
      return 'service_date';
    case 'end_before_start': {
      const start = random.int(9, 18) * 60;
      row.start_time = formatTime(start);
      row.end_time = formatTime(start - random.int(1, 4) * 30);
      row.hours = '';
      return 'end_time';
    }
    case 'bad_time':
      row.start_time = random.pick(['25:00', '9点', '08:61']);
      row.end_time = '';
      row.hours = '2';
      return 'start_time';
    case 'hours_out_of_range':
      hoursOnly(row, random.pick(['0', '-1', '24.5', '30']));
      return 'hours';
    case 'hours_precision':
      hoursOnly(row, random.pick(['2.125', '1.333', '3.005']));
      return 'hours';
    case 'hours_mismatch': {
      const start = random.int(8, 14) * 60;
      const minutes = random.int(2, 6) * 30;
      row.start_time = formatTime(start);
      row.end_time = formatTime(start + minutes);
      row.hours = String(minutes / 60 + random.pick([0.5, 1, -0.5, 2]));
      if (Number(row.hours) <= 0) row.hours = String(minutes / 60 + 1);
      return 'hours';
    }
    case 'hours_missing':
      hoursOnly(row, '');
      if (random.chance(0.5)) row.start_time = '09:00';
      return 'hours';
    case 'unknown_category':
      row.category = random.pick(['太空探索', 'space_travel', '其他类']);
      return 'category';
    case 'wrong_district':
      row.district = random.pick(DISTRICTS.filter((d) => d.slug !== row.district)).slug;
      return 'district';
    case 'unknown_street': {
      let code = '';
      do code = `${row.street_code.slice(0, 6)}${random.int(900, 999)}`;
      while (STREET_CODES.has(code));
      row.street_code = code;
      return 'street_code';
    }
    case 'foreign_street':
      row.street_code = random.pick(STREETS.filter((s) => s.district !== row.district)).code;
      return 'street_code';
    case 'contract_missing':
      row.funding = random.pick(['government_purchase', 'enterprise_purchase']);
      row.contract_id = '';
      return 'contract_id';
    case 'contract_unknown':
      row.funding = 'government_purchase';
      row.contract_id = `GOV-1999-X${random.int(10, 99)}`;
      return 'contract_id';
    case 'contract_wrong_type': {
      // A contract covering the date, but of the other funder type.
      const government = random.chance(0.5);
      const day = Date.parse(`${row.service_date}T00:00:00Z`) / 86_400_000;
      const candidates = context.contracts.filter(
        (c) => (c.funder.type === 'government') === government && c.startDay <= day && day <= c.endDay,
      );
      const contract = candidates.length > 0 ? random.pick(candidates) : random.pick(context.contracts);
      row.funding = contract.funder.type === 'government' ? 'enterprise_purchase' : 'government_purchase';
      row.contract_id = contract.contractId;
      return 'contract_id';
    }
    case 'date_outside_contract': {
      const contract = random.pick(context.contracts.filter((c) => c.funder.period === 'year'));
      row.funding = 'government_purchase';
      row.contract_id = contract.contractId;
      row.service_date = addDays(contract.startDate, -random.int(1, 25));
      return 'service_date';
    }
    case 'contract_on_self_funded':
      row.funding = 'self_funded';
      row.contract_id = random.pick(context.contracts).contractId;
      return 'contract_id';
    case 'duplicate_in_file': {
      const first = random.pick(context.earlier);
      row.record_id = first.record_id;
      return 'record_id';
    }
    case 'community_too_long':
      row.community = `${row.community || '莲花北社区'}${'第一网格义工服务队'.repeat(8)}`;
      return 'community';
    case 'bad_record_id':
      row.record_id = random.pick([`R ${random.int(1000, 9999)}`, `记录${random.int(1000, 9999)}`, 'X'.repeat(65), '']);
      return 'record_id';
    case 'bad_beneficiaries':
      row.beneficiaries = random.pick(['-3', '100001', '十二', '2.5']);
      return 'beneficiaries';
  }
}
