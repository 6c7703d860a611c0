/**
 * Beneficiary groups (受益群体) served by volunteers, grounded in the federation's description:
 * 孤寡老人, 残疾人, 孤儿, 青少年 and students, 外来青工, patients (健康直通车, hospitals),
 * the public at large, visitors of large events (高交会, 文博会) and travellers at ports and the
 * airport, people in hardship (失业, 失学, 下岗), and women helped by 春风行动.
 */

import { freezeAll } from './freeze-all.ts';
import { buildLabelResolver } from './label-index.ts';

/** A beneficiary group. */
export interface BeneficiaryGroup {
  /** Stable snake_case ASCII code stored in the lake, e.g. `elderly`. */
  code: string;
  /** Chinese label shown to users and accepted in uploads, e.g. `老年人`. */
  zh: string;
  /** English label. */
  en: string;
  /** Other Chinese spellings accepted in uploads (never shown). */
  aliases: readonly string[];
}

/** The beneficiary groups, in display order. */
export const BENEFICIARY_GROUPS: readonly BeneficiaryGroup[] = freezeAll<BeneficiaryGroup>([
  { code: 'elderly', zh: '老年人', en: 'Elderly people', aliases: ['老人', '长者', '孤寡老人'] },
  { code: 'disabled', zh: '残障人士', en: 'People with disabilities', aliases: ['残疾人', '残障人', '残疾人士'] },
  { code: 'children', zh: '儿童', en: 'Children', aliases: ['少年儿童', '孤儿', '小学生'] },
  { code: 'youth', zh: '青少年', en: 'Youth', aliases: ['青年', '学生'] },
  { code: 'migrant_workers', zh: '外来务工人员', en: 'Migrant workers', aliases: ['外来青工', '务工人员', '来深建设者'] },
  { code: 'patients', zh: '患者', en: 'Patients', aliases: ['病人', '病患'] },
  { code: 'general_public', zh: '社会公众', en: 'General public', aliases: ['市民', '公众', '社区居民'] },
  { code: 'event_visitors', zh: '活动参与者', en: 'Event visitors', aliases: ['展会观众', '观众', '参会者'] },
  { code: 'travellers', zh: '旅客', en: 'Travellers', aliases: ['游客', '乘客'] },
  { code: 'low_income', zh: '困难群众', en: 'People in hardship', aliases: ['低收入群体', '困难家庭', '弱势群体'] },
  { code: 'women', zh: '妇女', en: 'Women', aliases: ['女性'] },
]);

const resolve = buildLabelResolver(BENEFICIARY_GROUPS);

/**
 * Resolves a beneficiary group from its code (case-insensitive), Chinese label or a Chinese
 * synonym, ignoring surrounding whitespace; `undefined` when nothing matches.
 *
 * @example
 * resolveBeneficiaryGroup('Elderly')?.zh;  // '老年人'
 * resolveBeneficiaryGroup('老人')?.code;    // 'elderly'
 * resolveBeneficiaryGroup('展会观众')?.code; // 'event_visitors'
 * resolveBeneficiaryGroup('外星人');        // undefined
 */
export function resolveBeneficiaryGroup(value: string): BeneficiaryGroup | undefined {
  return resolve(value);
}
