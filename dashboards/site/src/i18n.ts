/** Interface text (zh-CN first, English available) and reference-data labels. */

import { BENEFICIARY_GROUPS } from '../../../schemas/reference/beneficiary-groups.ts';
import { SERVICE_CATEGORIES } from '../../../schemas/reference/categories.ts';
import { DISTRICTS } from '../../../schemas/reference/districts.ts';
import { streetByCode } from '../../../schemas/reference/streets.ts';
import type { Bilingual, Lang } from '../../definitions/types.ts';

/** UI strings. */
export const TEXT = {
  siteTitle: { zh: '深圳义工服务数据看板', en: 'Shenzhen Volunteer Service Dashboard' },
  month: { zh: '月度', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  year: { zh: '年度', en: 'Year' },
  switchLang: { zh: 'English', en: '中文' },
  city: { zh: '全市', en: 'City' },
  federation: { zh: '市义工联', en: 'Federation' },
  area: { zh: '区域', en: 'Area' },
  total: { zh: '合计', en: 'Total' },
  vsPrevious: { zh: '较上期', en: 'vs previous period' },
  noPrevious: { zh: '无上期数据', en: 'no previous period' },
  noData: { zh: '本期暂无数据', en: 'No data for this period' },
  loadFailed: { zh: '数据加载失败', en: 'Could not load the data' },
  downloadCsv: { zh: '下载 CSV', en: 'Download CSV' },
  project: { zh: '项目', en: 'Project' },
  category: { zh: '服务类别', en: 'Category' },
  contract: { zh: '合同', en: 'Contract' },
  funder: { zh: '购买方', en: 'Funder' },
  district: { zh: '区', en: 'District' },
  star: { zh: '星级', en: 'Star level' },
  starN: { zh: '{n}星', en: '{n}★' },
  noStar: { zh: '未达星级', en: 'No star' },
  toDateAttainment: { zh: '合同累计完成率', en: 'Attainment to date' },
  suppressionNote: {
    zh: '为保护个人信息，区级及以下 1–{n1} 名义工的计数显示为 “<{n}”。',
    en: 'To protect privacy, volunteer counts of 1–{n1} below city level are shown as "<{n}".',
  },
  generatedAt: { zh: '数据更新时间', en: 'Data updated' },
  government: { zh: '政府', en: 'Government' },
  enterprise: { zh: '企业', en: 'Enterprise' },
} satisfies Record<string, Bilingual>;

/**
 * Picks the text of the current language, filling `{name}` placeholders.
 *
 * @example
 * t(TEXT.starN, 'zh', { n: 3 }); // '3星'
 */
export function t(text: Bilingual, lang: Lang, values: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Name of a district slug (or the city for `all`). */
export function districtName(slug: string, lang: Lang): string {
  if (slug === 'all') return t(TEXT.city, lang);
  if (slug === 'city') return t(TEXT.federation, lang);
  const district = DISTRICTS.find((d) => d.slug === slug);
  return district === undefined ? slug : district[lang];
}

/** Name of a street code (streets have Chinese names only; English adds the code). */
export function streetName(code: string, lang: Lang): string {
  const street = streetByCode(code);
  if (street === undefined) return code;
  return lang === 'zh' ? street.zh : `${street.zh} (${code})`;
}

/** Label of a service category code. */
export function categoryName(code: string, lang: Lang): string {
  return SERVICE_CATEGORIES.find((c) => c.code === code)?.[lang] ?? code;
}

/** Label of a beneficiary group code. */
export function groupName(code: string, lang: Lang): string {
  return BENEFICIARY_GROUPS.find((g) => g.code === code)?.[lang] ?? code;
}

/** Label of a funder type. */
export function funderTypeName(type: string, lang: Lang): string {
  if (type === 'government') return t(TEXT.government, lang);
  if (type === 'enterprise') return t(TEXT.enterprise, lang);
  return type;
}

/** Label of a period (`2026-11` → `2026年11月` / `Nov 2026`). */
export function periodName(period: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const [, y, m] = month;
    if (lang === 'zh') return `${y}年${Number(m)}月`;
    return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-US', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return lang === 'zh' ? `${quarter[1]}年第${quarter[2]}季度` : `Q${quarter[2]} ${quarter[1]}`;
  return lang === 'zh' ? `${period}年` : period;
}
