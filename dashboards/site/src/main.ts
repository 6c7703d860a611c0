/**
 * Dashboard site entry: reads the view state from the URL hash, draws the header (pages,
 * period picker, language switch) and the current page.
 */
import './styles.css';
import type { IndexPayload } from '../../../pipeline/dashboard-export/payloads.ts';
import { PAGES } from '../../definitions/pages.ts';
import type { PageId, PeriodType } from '../../definitions/types.ts';
import { disposeCharts, resizeCharts } from './charts.ts';
import { loadIndex } from './data.ts';
import { h } from './dom.ts';
import { periodName, TEXT, t } from './i18n.ts';
import type { PageContext } from './pages/context.ts';
import { renderOverview } from './pages/overview.ts';
import { renderParticipation } from './pages/participation.ts';
import { renderProjects } from './pages/projects.ts';
import { renderPurchase } from './pages/purchase.ts';
import { renderQuality } from './pages/quality.ts';
import { parseHash, toHash, type ViewState } from './state.ts';

const RENDERERS: Record<PageId, (ctx: PageContext) => Promise<void>> = {
  overview: renderOverview,
  participation: renderParticipation,
  projects: renderProjects,
  purchase: renderPurchase,
  quality: renderQuality,
};
const PERIOD_TYPES: readonly PeriodType[] = ['month', 'quarter', 'year'];

function typeOf(period: string): PeriodType {
  return /^\d{4}-\d{2}$/.test(period) ? 'month' : period.includes('Q') ? 'quarter' : 'year';
}

/** The period of another type that contains (or best matches) the current one. */
function matchingPeriod(index: IndexPayload, current: string, type: PeriodType): string | undefined {
  const year = current.slice(0, 4);
  const month = typeOf(current) === 'month' ? Number(current.slice(5)) : undefined;
  const wanted =
    type === 'year'
      ? year
      : type === 'quarter'
        ? month === undefined
          ? undefined
          : `${year}-Q${Math.ceil(month / 3)}`
        : undefined;
  const list = index.periods[type];
  if (wanted !== undefined && list.includes(wanted)) return wanted;
  return [...list].reverse().find((p) => p.startsWith(year)) ?? index.latest[type];
}

function resolvePeriod(index: IndexPayload, period: string | undefined): string | undefined {
  if (period !== undefined && PERIOD_TYPES.some((type) => index.periods[type].includes(period))) return period;
  return index.latest.month ?? index.latest.quarter ?? index.latest.year;
}

let renderCount = 0;

function navigate(state: ViewState, change: Partial<ViewState>): void {
  const next = { ...state, ...change };
  for (const key of Object.keys(change) as (keyof ViewState)[]) if (change[key] === undefined) delete next[key];
  location.hash = toHash(next);
}

function drawHeader(state: ViewState, period: string, index: IndexPayload): void {
  const { lang } = state;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${PAGES.find((p) => p.id === state.page)?.title[lang] ?? ''} · ${t(TEXT.siteTitle, lang)}`;
  document.getElementById('site-title')!.textContent = t(TEXT.siteTitle, lang);

  const nav = document.getElementById('nav')!;
  nav.replaceChildren(
    ...PAGES.map((page) =>
      h(
        'a',
        {
          href: toHash({ page: page.id, period, lang }),
          class: page.id === state.page ? 'active' : undefined,
          'data-page': page.id,
          'aria-current': page.id === state.page ? 'page' : undefined,
        },
        page.title[lang],
      ),
    ),
  );

  const typeSelect = document.getElementById('period-type') as HTMLSelectElement;
  const type = typeOf(period);
  typeSelect.replaceChildren(
    ...PERIOD_TYPES.filter((p) => index.periods[p].length > 0).map((p) =>
      h('option', { value: p, selected: p === type ? '' : undefined }, t(TEXT[p], lang)),
    ),
  );
  typeSelect.value = type;
  typeSelect.onchange = () => {
    const next = matchingPeriod(index, period, typeSelect.value as PeriodType);
    if (next !== undefined) navigate(state, { period: next, sort: undefined });
  };

  const periodSelect = document.getElementById('period') as HTMLSelectElement;
  periodSelect.replaceChildren(
    ...[...index.periods[type]]
      .reverse()
      .map((p) => h('option', { value: p, selected: p === period ? '' : undefined }, periodName(p, lang))),
  );
  periodSelect.value = period;
  periodSelect.onchange = () => navigate(state, { period: periodSelect.value, sort: undefined });

  const langButton = document.getElementById('lang') as HTMLButtonElement;
  langButton.textContent = t(TEXT.switchLang, lang);
  langButton.onclick = () => navigate(state, { lang: lang === 'zh' ? 'en' : 'zh' });

  const generated = new Date(index.generatedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { timeZone: 'Asia/Shanghai' });
  document
    .getElementById('footer')!
    .replaceChildren(
      h('div', {}, t(TEXT.suppressionNote, lang, { n: index.suppressBelow, n1: index.suppressBelow - 1 })),
      h('div', {}, `${t(TEXT.generatedAt, lang)}: ${generated}`),
    );
}

async function render(): Promise<void> {
  const hash = location.hash;
  const token = ++renderCount;
  const state = parseHash(hash);
  const main = document.getElementById('main')!;
  disposeCharts();
  main.replaceChildren();
  let index: IndexPayload;
  try {
    index = await loadIndex();
  } catch {
    main.replaceChildren(h('div', { class: 'error' }, t(TEXT.loadFailed, state.lang)));
    return;
  }
  const period = resolvePeriod(index, state.period);
  if (period === undefined) {
    main.replaceChildren(h('div', { class: 'empty' }, t(TEXT.noData, state.lang)));
    window.__redvest.renderedHash = hash;
    return;
  }
  drawHeader(state, period, index);
  const page = PAGES.find((p) => p.id === state.page)!;
  const root = h('div', { id: `page-${page.id}`, 'data-period': period });
  main.append(
    h('h1', {}, page.title[state.lang]),
    h('p', { class: 'description' }, `${periodName(period, state.lang)} · ${page.description[state.lang]}`),
    root,
  );
  try {
    await RENDERERS[page.id]({ root, state: { ...state, period }, index, navigate: (change) => navigate(state, change) });
  } catch {
    if (token === renderCount) root.replaceChildren(h('div', { class: 'error' }, t(TEXT.loadFailed, state.lang)));
  }
  if (token === renderCount) window.__redvest.renderedHash = hash;
}

window.addEventListener('hashchange', () => void render());
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(resizeCharts, 100);
});
void render();
