/** Small, valid (and deliberately invalid) district files for ingest tests. */
import { idNumberCheckChar } from '../../../schemas/rules/id-number.ts';

/** A valid ID number for a birth date and a sequence (odd sequence = male). */
export function idNumber(birth: string, seq = 123): string {
  const first17 = `440304${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export const ID_A = idNumber('1990-01-01', 101);
export const ID_B = idNumber('1960-06-15', 202);
export const NAME_A = '王小明';
export const PHONE_A = '13812345678';

export const CONTRACTS_CSV = [
  'contract_id,funder,funder_type,start_date,end_date,budget_cny,target_hours,target_volunteers,target_beneficiaries',
  'GOV-1,深圳市交通警察局,government,2026-01-01,2026-12-31,120000.50,2000,50,1000',
  'ENT-1,某科技公司,enterprise,2026-01-01,2026-06-30,30000,500,20,200',
].join('\n');

/** Service-record rows with Chinese headers, personal columns included (姓名, 手机). */
export function serviceRecordsCsv(rows: string[][], header?: string[]): string {
  const h = header ?? [
    '记录编号',
    '所属区',
    '街道代码',
    '社区',
    '身份证号',
    '姓名',
    '手机',
    '项目编号',
    '服务类别',
    '服务日期',
    '开始时间',
    '结束时间',
    '服务时长',
    '受益人数',
    '经费来源',
    '合同编号',
    '审核状态',
  ];
  return [h, ...rows].map((r) => r.join(',')).join('\r\n');
}

/** A valid service-record row (CSV cells in the default header order). */
export function recordRow(overrides: Partial<Record<string, string>> = {}): string[] {
  const v = {
    record_id: 'R1',
    district: '福田区',
    street_code: '440304001',
    community: '南园社区',
    volunteer_id: ID_A,
    name: NAME_A,
    phone: PHONE_A,
    project_code: 'P-1',
    category: 'elderly_care',
    service_date: '2026-03-05',
    start_time: '09:00',
    end_time: '11:30',
    hours: '2.5',
    beneficiaries: '3',
    funding: '自筹',
    contract_id: '',
    status: '已审核',
    ...overrides,
  };
  return [
    v.record_id,
    v.district,
    v.street_code,
    v.community,
    v.volunteer_id,
    v.name,
    v.phone,
    v.project_code,
    v.category,
    v.service_date,
    v.start_time,
    v.end_time,
    v.hours,
    v.beneficiaries,
    v.funding,
    v.contract_id,
    v.status,
  ];
}
