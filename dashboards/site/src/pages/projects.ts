/** Projects and outcomes: hours by category, beneficiaries by group, project table. */

import type { ProjectOutcome, ProjectsPayload } from '../../../../pipeline/dashboard-export/payloads.ts';
import { METRICS } from '../../../definitions/metrics.ts';
import { PROJECTS } from '../../../definitions/pages.ts';
import { drawChart } from '../charts.ts';
import { loadJson } from '../data.ts';
import { chartBox, h, panel } from '../dom.ts';
import { categoryName, groupName, TEXT, t } from '../i18n.ts';
import { type Column, csvButton, dataTable } from '../table.ts';
import type { PageContext } from './context.ts';

/** Renders the projects page. */
export async function renderProjects(ctx: PageContext): Promise<void> {
  const { lang, period } = ctx.state;
  const data = await loadJson<ProjectsPayload>(`data/projects/${period}.json`);
  const [categoryPanel, groupPanel, tablePanel] = PROJECTS.panels;
  const projectName = (p: ProjectOutcome) => (lang === 'zh' ? p.name_zh : (p.name_en ?? p.name_zh)) ?? p.project_code;
  const columns: Column<ProjectOutcome>[] = [
    { key: 'project', title: t(TEXT.project, lang), value: projectName },
    { key: 'category', title: t(TEXT.category, lang), value: (p) => categoryName(p.category, lang) },
    ...tablePanel!.metrics.map(
      (key): Column<ProjectOutcome> => ({
        key,
        title: METRICS[key].title[lang],
        format: METRICS[key].format,
        value: (p) => p[key as 'service_hours'],
      }),
    ),
  ];
  const categoryBox = chartBox(categoryPanel!.id);
  const groupBox = chartBox(groupPanel!.id);
  ctx.root.append(
    h(
      'div',
      { class: 'grid' },
      panel(categoryPanel!.id, categoryPanel!.title[lang], categoryBox),
      panel(groupPanel!.id, groupPanel!.title[lang], groupBox),
      panel(
        tablePanel!.id,
        tablePanel!.title[lang],
        data.projects.length === 0
          ? h('div', { class: 'empty' }, t(TEXT.noData, lang))
          : dataTable({
              id: 'projects',
              lang,
              columns,
              rows: data.projects,
              sort: ctx.state.sort,
              onSort: (sort) => ctx.navigate({ sort }),
            }),
        { wide: true, actions: csvButton(lang, `projects-${period}.csv`, columns, () => data.projects) },
      ),
    ),
  );
  const groups = [...data.groups].reverse();
  await Promise.all([
    drawChart(categoryBox, {
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `${v} ${METRICS.service_hours.unit?.[lang] ?? ''}` },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          name: METRICS.service_hours.title[lang],
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          data: data.categories.map((c) => ({ name: categoryName(c.category, lang), value: c.service_hours })),
        },
      ],
    }),
    drawChart(groupBox, {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 24, top: 16, bottom: 28 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: groups.map((g) => groupName(g.beneficiary_group, lang)) },
      series: [
        { name: METRICS.beneficiaries.title[lang], type: 'bar', data: groups.map((g) => g.beneficiaries), color: '#c8102e' },
      ],
    }),
  ]);
}
