/**
 * Concrete projects and purchase contracts over the history window: yearly events become one
 * project per edition, and every funder gets contracts whose periods cover all records of the
 * projects it buys.
 */
import { DISTRICTS } from '../../schemas/reference/index.ts';
import { FUNDERS, type FunderTemplate, PROJECTS, type ProjectTemplate } from './catalogue.ts';
import { toDay } from './dates.ts';

export interface ProjectInstance {
  code: string;
  zh: string;
  en: string;
  template: ProjectTemplate;
  /** District slugs where it runs. */
  districts: readonly string[];
  startDate: string;
  endDate: string;
  /** Day numbers of an event edition; undefined for ongoing projects. */
  eventDays?: readonly number[];
  funder?: FunderTemplate;
}

export interface ContractInstance {
  contractId: string;
  funder: FunderTemplate;
  startDate: string;
  endDate: string;
  /** Day numbers, inclusive. */
  startDay: number;
  endDay: number;
}

const ALL_SLUGS = DISTRICTS.map((d) => d.slug);

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function ordinal(n: number): string {
  return `第${n}届`;
}

/**
 * Projects running at some time in [historyStart, asOf].
 *
 * @example
 * buildProjects('2024-07-01', '2026-06-30').map((p) => p.code); // ['SZ-SBZA', …, 'SZ-GJH-2024', 'SZ-GJH-2025', …]
 */
export function buildProjects(historyStart: string, asOf: string): ProjectInstance[] {
  const firstYear = Number(historyStart.slice(0, 4));
  const lastYear = Number(asOf.slice(0, 4));
  const startDay = toDay(historyStart);
  const endDay = toDay(asOf);
  const projects: ProjectInstance[] = [];
  for (const template of PROJECTS) {
    const districts = template.districts === 'all' ? ALL_SLUGS : template.districts;
    const funder = FUNDERS.find((f) => f.key === template.funder);
    const season = template.season;
    if (season === undefined) {
      projects.push({
        code: template.code,
        zh: template.zh,
        en: template.en,
        template,
        districts,
        startDate: `${firstYear - 3}-01-01`,
        endDate: `${lastYear + 1}-12-31`,
        funder,
      });
      continue;
    }
    for (let year = firstYear; year <= lastYear; year++) {
      const first = toDay(iso(year, season.month, season.day));
      const days = Array.from({ length: season.days }, (_, i) => first + i).filter((d) => d >= startDay && d <= endDay);
      if (days.length === 0) continue;
      const edition = season.editionIn2000 + year - 2000;
      projects.push({
        code: `${template.code}-${year}`,
        zh: `${ordinal(edition)}${template.zh}`,
        en: `${template.en} ${year}`,
        template,
        districts,
        startDate: iso(year, season.month, season.day),
        endDate: iso(year, season.month, season.day + season.days - 1),
        eventDays: days,
        funder,
      });
    }
  }
  return projects;
}

/**
 * Contracts of every funder over the window: calendar years, April–March fiscal years, or the
 * month around each event edition.
 *
 * @example
 * buildContracts(buildProjects('2024-07-01', '2026-06-30'), '2024-07-01', '2026-06-30')[0].contractId; // 'GOV-2024-MZJ'
 */
export function buildContracts(projects: readonly ProjectInstance[], historyStart: string, asOf: string): ContractInstance[] {
  const firstYear = Number(historyStart.slice(0, 4));
  const lastYear = Number(asOf.slice(0, 4));
  const contracts: ContractInstance[] = [];
  const add = (funder: FunderTemplate, id: string, startDate: string, endDate: string) => {
    if (toDay(endDate) < toDay(historyStart) || toDay(startDate) > toDay(asOf)) return;
    contracts.push({ contractId: id, funder, startDate, endDate, startDay: toDay(startDate), endDay: toDay(endDate) });
  };
  for (const funder of FUNDERS) {
    const prefix = funder.type === 'government' ? 'GOV' : 'ENT';
    if (funder.period === 'year') {
      for (let year = firstYear; year <= lastYear; year++)
        add(funder, `${prefix}-${year}-${funder.key}`, iso(year, 1, 1), iso(year, 12, 31));
    } else if (funder.period === 'fiscal') {
      for (let year = firstYear - 1; year <= lastYear; year++)
        add(funder, `${prefix}-FY${year}-${funder.key}`, iso(year, 4, 1), iso(year + 1, 3, 31));
    } else {
      for (const project of projects) {
        if (project.funder !== funder || project.template.season === undefined) continue;
        const year = Number(project.startDate.slice(0, 4));
        const month = project.template.season.month;
        add(funder, `${prefix}-${year}-${funder.key}`, iso(year, month, 1), iso(year, month, month === 2 ? 28 : 30));
      }
    }
  }
  return contracts;
}

/** The contract of a funder covering a day, if any. */
export function contractFor(
  contracts: readonly ContractInstance[],
  funder: FunderTemplate,
  day: number,
): ContractInstance | undefined {
  return contracts.find((c) => c.funder === funder && c.startDay <= day && day <= c.endDay);
}
