/**
 * Service categories (服务类别) of volunteer work, grounded in the federation's own description
 * (`seed/shenzhen-volunteers-federation.txt`: "20大项30多类服务"): its flagship projects
 * (松柏之爱 for elderly people living alone, 与你同行 for people with disabilities, 一起成长 for
 * orphans), government-purchased service (高交会/文博会 large events, traffic, public security and
 * city-management volunteering), the original hotline, 春风行动 (legal, medical, psychological
 * help), 扶贫支教, 健康直通车, international volunteering and the training system.
 */

import { freezeAll } from './freeze-all.ts';
import { buildLabelResolver } from './label-index.ts';

/** A service category. */
export interface Category {
  /** Stable snake_case ASCII code stored in the lake, e.g. `elderly_care`. */
  code: string;
  /** Chinese label shown to users and accepted in uploads, e.g. `敬老助老`. */
  zh: string;
  /** English label. */
  en: string;
  /** Other Chinese spellings accepted in uploads (never shown). */
  aliases: readonly string[];
}

/** The service categories, in display order. */
export const SERVICE_CATEGORIES: readonly Category[] = freezeAll<Category>([
  { code: 'elderly_care', zh: '敬老助老', en: 'Elderly care', aliases: ['助老服务', '为老服务', '敬老服务', '长者服务'] },
  { code: 'disability_support', zh: '助残服务', en: 'Disability support', aliases: ['助残', '扶残助残'] },
  { code: 'child_care', zh: '关爱儿童', en: 'Caring for children', aliases: ['儿童服务', '关爱孤儿'] },
  { code: 'youth_services', zh: '青少年服务', en: 'Youth services', aliases: ['青少年'] },
  { code: 'community_service', zh: '社区服务', en: 'Community service', aliases: ['社区'] },
  { code: 'large_events', zh: '大型活动服务', en: 'Large-event service', aliases: ['大型活动', '赛会服务', '大型赛会'] },
  { code: 'traffic', zh: '交通义工', en: 'Traffic volunteering', aliases: ['交通服务', '交通'] },
  { code: 'public_security', zh: '治安义工', en: 'Public security volunteering', aliases: ['治安服务', '治安'] },
  { code: 'city_management', zh: '城管义工', en: 'City management volunteering', aliases: ['城市管理', '城管'] },
  { code: 'environmental_protection', zh: '环境保护', en: 'Environmental protection', aliases: ['环保', '环保服务'] },
  { code: 'medical_health', zh: '医疗卫生', en: 'Medical and health', aliases: ['医疗服务', '卫生健康', '医疗'] },
  { code: 'education_support', zh: '助学支教', en: 'Education and tutoring', aliases: ['支教', '助学'] },
  { code: 'culture', zh: '文化服务', en: 'Culture', aliases: ['文化', '文化活动'] },
  { code: 'emergency_relief', zh: '应急救援', en: 'Emergency and disaster relief', aliases: ['应急', '救灾', '抢险救灾'] },
  { code: 'poverty_alleviation', zh: '扶贫济困', en: 'Poverty alleviation', aliases: ['扶贫', '济困'] },
  { code: 'hotline_counselling', zh: '心理热线', en: 'Hotline and counselling', aliases: ['热线服务', '心理咨询', '心理辅导'] },
  { code: 'legal_aid', zh: '法律援助', en: 'Legal aid', aliases: ['法律服务'] },
  { code: 'migrant_workers', zh: '外来务工人员服务', en: 'Migrant worker services', aliases: ['外来青工服务', '来深建设者服务'] },
  { code: 'international_exchange', zh: '国际交流', en: 'International exchange', aliases: ['国际义工', '国际服务'] },
  { code: 'civic_promotion', zh: '文明宣传', en: 'Civic promotion', aliases: ['文明城市创建', '宣传服务'] },
  { code: 'volunteer_training', zh: '义工培训', en: 'Volunteer training', aliases: ['培训'] },
]);

const resolve = buildLabelResolver(SERVICE_CATEGORIES);

/**
 * Resolves a service category from its code (case-insensitive), Chinese label or a Chinese alias,
 * ignoring surrounding whitespace; `undefined` when nothing matches.
 *
 * @example
 * resolveCategory('ELDERLY_CARE')?.zh; // '敬老助老'
 * resolveCategory(' 交通义工 ')?.code;  // 'traffic'
 * resolveCategory('环保')?.code;        // 'environmental_protection'
 * resolveCategory('烹饪');              // undefined
 */
export function resolveCategory(value: string): Category | undefined {
  return resolve(value);
}
