/** `projects`: the federation's project register (federation level, uploaded as district `city`). */
import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { addIssue, type Dataset, failedColumns, type InputColumn, type RowContext, runRowSchema } from '../dataset.ts';
import { resolveCategory, resolveDistrict } from '../reference/index.ts';
import { PROJECT_CODE } from '../rules/codes.ts';
import { dateField, lookup, optionalDateField, requiredText } from './fields.ts';
import { inputSchemaOf, perContext } from './input-schema.ts';
import { lineageColumns } from './lineage.ts';

export const PROJECT_COLUMNS: readonly InputColumn[] = [
  { key: 'project_code', aliases: ['项目编号', '项目代码'], required: true, zh: '项目编号', en: 'Project code' },
  { key: 'name_zh', aliases: ['项目名称', '中文名称'], required: true, zh: '项目名称', en: 'Project name (Chinese)' },
  { key: 'name_en', aliases: ['英文名称', '项目英文名称'], required: false, zh: '英文名称', en: 'Project name (English)' },
  { key: 'category', aliases: ['服务类别', '服务类型'], required: true, zh: '服务类别', en: 'Service category' },
  { key: 'district', aliases: ['所属区', '区'], required: true, zh: '所属区(全市填 all)', en: 'District slug, or all' },
  { key: 'start_date', aliases: ['开始日期'], required: true, zh: '开始日期', en: 'Start date' },
  {
    key: 'end_date',
    aliases: ['结束日期'],
    required: false,
    zh: '结束日期(长期项目可不填)',
    en: 'End date (empty while ongoing)',
  },
];

/** The lake table of every version of every project. */
export const projectsVersionsTable = defineTable(
  'projects_versions',
  '项目(全部版本)',
  'Projects, every version',
  z.object({
    project_code: col.string('项目编号', 'Project code'),
    name_zh: col.string('项目名称', 'Project name (Chinese)'),
    name_en: col.nullableString('英文名称', 'Project name (English)'),
    category: col.string('服务类别', 'Service category code'),
    district: col.string('所属区', 'District slug or all'),
    start_date: col.date('开始日期', 'Start date'),
    end_date: col.nullableDate('结束日期', 'End date'),
    ...lineageColumns,
  }),
  [],
);

export interface ProjectInput {
  project_code: string;
  name_zh: string;
  name_en: string | null;
  category: string;
  district: string;
  start_date: string;
  end_date: string | null;
}

const ALL = new Set(['all', '全市', '全部']);

function projectRowSchema(_ctx: RowContext) {
  return z
    .object({
      project_code: requiredText('PROJECT_CODE_FORMAT').regex(PROJECT_CODE, { error: 'PROJECT_CODE_FORMAT' }),
      name_zh: requiredText('TEXT_TOO_LONG').max(128, { error: 'TEXT_TOO_LONG' }),
      name_en: z.string().max(256, { error: 'TEXT_TOO_LONG' }).optional(),
      category: requiredText('CATEGORY_UNKNOWN').transform(lookup('CATEGORY_UNKNOWN', (v) => resolveCategory(v)?.code)),
      district: requiredText('PROJECT_DISTRICT_UNKNOWN').transform(
        lookup('PROJECT_DISTRICT_UNKNOWN', (v) => (ALL.has(v.trim().toLowerCase()) ? 'all' : resolveDistrict(v)?.slug)),
      ),
      start_date: dateField(),
      end_date: optionalDateField(),
    })
    .superRefine(
      (row, refine) => {
        const failed = failedColumns(refine);
        if (!failed.has('start_date') && !failed.has('end_date') && row.end_date !== undefined && row.end_date < row.start_date)
          addIssue(refine, 'end_date', 'DATE_ORDER');
      },
      { when: () => true },
    )
    .transform((row): ProjectInput => ({ ...row, name_en: row.name_en ?? null, end_date: row.end_date ?? null }));
}

const schemaFor = perContext(projectRowSchema);

/** The projects dataset. */
export const projects: Dataset<ProjectInput> = {
  name: 'projects',
  zh: '项目',
  en: 'Projects',
  scope: 'city',
  columns: PROJECT_COLUMNS,
  table: projectsVersionsTable,
  inputSchema: inputSchemaOf(PROJECT_COLUMNS),
  validate: (row, ctx) => runRowSchema(schemaFor(ctx), row),
  naturalKey: (value) => value.project_code,
};
