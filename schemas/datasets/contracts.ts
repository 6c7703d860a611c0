/** `contracts`: government and enterprise purchase contracts (federation level, district `city`). */
import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { addIssue, type Dataset, failedColumns, type InputColumn, type RowContext, runRowSchema } from '../dataset.ts';
import { CONTRACT_ID, type FunderType, resolveFunderType } from '../rules/codes.ts';
import { amountField, countField, dateField, lookup, requiredText } from './fields.ts';
import { inputSchemaOf, perContext } from './input-schema.ts';
import { lineageColumns } from './lineage.ts';

export const CONTRACT_COLUMNS: readonly InputColumn[] = [
  { key: 'contract_id', aliases: ['合同编号', '购买合同编号'], required: true, zh: '合同编号', en: 'Contract id' },
  { key: 'funder', aliases: ['购买方', '出资方', '购买单位'], required: true, zh: '购买方', en: 'Funder (Chinese name)' },
  { key: 'funder_type', aliases: ['购买方类型'], required: true, zh: '购买方类型', en: 'government or enterprise' },
  { key: 'start_date', aliases: ['开始日期', '合同开始日期'], required: true, zh: '开始日期', en: 'Start date' },
  { key: 'end_date', aliases: ['结束日期', '合同结束日期'], required: true, zh: '结束日期', en: 'End date' },
  {
    key: 'budget_cny',
    aliases: ['合同金额', '预算金额', '预算(元)'],
    required: true,
    zh: '合同金额(元)',
    en: 'Budget (CNY)',
    numeric: true,
  },
  {
    key: 'target_hours',
    aliases: ['目标服务时长', '目标时长'],
    required: true,
    zh: '目标服务时长',
    en: 'Target hours',
    numeric: true,
  },
  {
    key: 'target_volunteers',
    aliases: ['目标义工人数'],
    required: true,
    zh: '目标义工人数',
    en: 'Target volunteers',
    numeric: true,
  },
  {
    key: 'target_beneficiaries',
    aliases: ['目标受益人数'],
    required: true,
    zh: '目标受益人数',
    en: 'Target beneficiaries',
    numeric: true,
  },
];

/** The lake table of every version of every contract. */
export const contractsVersionsTable = defineTable(
  'contracts_versions',
  '购买合同(全部版本)',
  'Purchase contracts, every version',
  z.object({
    contract_id: col.string('合同编号', 'Contract id'),
    funder: col.string('购买方', 'Funder'),
    funder_type: col.string('购买方类型', 'government or enterprise'),
    start_date: col.date('开始日期', 'Start date'),
    end_date: col.date('结束日期', 'End date'),
    budget_cny: col.decimal(14, 2, '合同金额(元)', 'Budget (CNY)'),
    target_hours: col.decimal(12, 2, '目标服务时长', 'Target hours'),
    target_volunteers: col.int('目标义工人数', 'Target volunteers'),
    target_beneficiaries: col.int('目标受益人数', 'Target beneficiaries'),
    ...lineageColumns,
  }),
  [],
);

export interface ContractInput {
  contract_id: string;
  funder: string;
  funder_type: FunderType;
  start_date: string;
  end_date: string;
  budget_cny: number;
  target_hours: number;
  target_volunteers: number;
  target_beneficiaries: number;
}

function contractRowSchema(_ctx: RowContext) {
  return z
    .object({
      contract_id: requiredText('CONTRACT_ID_FORMAT').regex(CONTRACT_ID, { error: 'CONTRACT_ID_FORMAT' }),
      funder: requiredText('TEXT_TOO_LONG').max(128, { error: 'TEXT_TOO_LONG' }),
      funder_type: requiredText('FUNDER_TYPE_UNKNOWN').transform(lookup('FUNDER_TYPE_UNKNOWN', resolveFunderType)),
      start_date: dateField(),
      end_date: dateField(),
      budget_cny: amountField(),
      target_hours: amountField(),
      target_volunteers: countField('COUNT_FORMAT'),
      target_beneficiaries: countField('COUNT_FORMAT'),
    })
    .superRefine(
      (row, refine) => {
        const failed = failedColumns(refine);
        if (!failed.has('start_date') && !failed.has('end_date') && row.end_date < row.start_date)
          addIssue(refine, 'end_date', 'DATE_ORDER');
      },
      { when: () => true },
    );
}

const schemaFor = perContext(contractRowSchema);

/** The contracts dataset. */
export const contracts: Dataset<ContractInput> = {
  name: 'contracts',
  zh: '购买合同',
  en: 'Purchase contracts',
  scope: 'city',
  columns: CONTRACT_COLUMNS,
  table: contractsVersionsTable,
  inputSchema: inputSchemaOf(CONTRACT_COLUMNS),
  validate: (row, ctx) => runRowSchema(schemaFor(ctx), row),
  naturalKey: (value) => value.contract_id,
};
